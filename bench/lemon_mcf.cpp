// LEMON reference for bench/matching.ts: solves a DIMACS min-cost-flow file (.min) with NetworkSimplex.
// Usage: lemon_mcf FILE.min [RUNS]. Prints one JSON line: the median time of RUNS timed runs and the minimum cost.
// Timed: building the SmartDigraph and its maps from the parsed arrays, plus NetworkSimplex construction and run()
// with the default pivot rule (block search). Not timed: reading and parsing the file.
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

using Graph = lemon::SmartDigraph;
using Value = long long;

struct Instance {
  int nodes = 0;
  std::vector<int> src, dst;
  std::vector<Value> cap, cost, supply;
};

static Instance parse(const char* path) {
  Instance in;
  FILE* f = std::fopen(path, "r");
  if (!f) {
    std::perror(path);
    std::exit(2);
  }
  char line[256];
  while (std::fgets(line, sizeof line, f)) {
    if (line[0] == 'p') {
      int m = 0;
      std::sscanf(line, "p min %d %d", &in.nodes, &m);
      in.supply.assign(in.nodes, 0);
      in.src.reserve(m);
      in.dst.reserve(m);
      in.cap.reserve(m);
      in.cost.reserve(m);
    } else if (line[0] == 'n') {
      int id;
      long long b;
      std::sscanf(line, "n %d %lld", &id, &b);
      in.supply[id - 1] = b;
    } else if (line[0] == 'a') {
      int u, v;
      long long low, cap, cost;
      std::sscanf(line, "a %d %d %lld %lld %lld", &u, &v, &low, &cap, &cost);
      if (low != 0) {
        std::fprintf(stderr, "lower bounds are not supported\n");
        std::exit(2);
      }
      in.src.push_back(u - 1);
      in.dst.push_back(v - 1);
      in.cap.push_back(cap);
      in.cost.push_back(cost);
    }
  }
  std::fclose(f);
  return in;
}

struct Result {
  double ms;
  Value cost;
  bool optimal;
};

static Result solve(const Instance& in) {
  auto t0 = std::chrono::steady_clock::now();
  Graph g;
  g.reserveNode(in.nodes);
  g.reserveArc(static_cast<int>(in.src.size()));
  std::vector<Graph::Node> node(in.nodes);
  for (int i = 0; i < in.nodes; ++i) node[i] = g.addNode();
  Graph::ArcMap<Value> cap(g), cost(g);
  Graph::NodeMap<Value> supply(g);
  for (int i = 0; i < in.nodes; ++i) supply[node[i]] = in.supply[i];
  for (size_t e = 0; e < in.src.size(); ++e) {
    Graph::Arc a = g.addArc(node[in.src[e]], node[in.dst[e]]);
    cap[a] = in.cap[e];
    cost[a] = in.cost[e];
  }
  lemon::NetworkSimplex<Graph, Value, Value> ns(g);
  ns.upperMap(cap).costMap(cost).supplyMap(supply);
  auto status = ns.run();
  Value total = status == lemon::NetworkSimplex<Graph, Value, Value>::OPTIMAL ? ns.totalCost() : 0;
  auto t1 = std::chrono::steady_clock::now();
  return {std::chrono::duration<double, std::milli>(t1 - t0).count(), total,
          status == lemon::NetworkSimplex<Graph, Value, Value>::OPTIMAL};
}

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE.min [RUNS]\n", argv[0]);
    return 2;
  }
  int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  Instance in = parse(argv[1]);
  std::vector<double> times;
  Result r{};
  for (int i = 0; i < runs; ++i) {
    r = solve(in);
    times.push_back(r.ms);
  }
  std::sort(times.begin(), times.end());
  std::printf("{\"ms\":%.3f,\"minMs\":%.3f,\"runs\":%d,\"cost\":%lld,\"optimal\":%s}\n", times[times.size() / 2],
              times[0], runs, r.cost, r.optimal ? "true" : "false");
  return 0;
}
