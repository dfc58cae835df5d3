/** The console's one stylesheet, served by the app under a content-hashed URL (no CDN, no web fonts). */
export const CONSOLE_CSS = `
:root{--ink:#1b1f24;--muted:#545d68;--line:#d0d7de;--bg:#f6f8fa;--card:#fff;--brand:#0b5cad;--brand-ink:#fff;
--ok:#1a7f37;--warn:#8a5300;--bad:#b42318;--bar:#0b5cad;--bar-bg:#e3e9ef;--focus:#f0a000}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;
font-size:16px;line-height:1.5;color:var(--ink);background:var(--bg)}
body{margin:0}
a{color:var(--brand)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,
summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:10}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);border:0}
header.top{background:#0d2b4e;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;
align-items:center}
header.top a{color:#fff}
.brand{font-weight:700;text-decoration:none;font-size:1.1rem}
nav.main ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:0;padding:0}
nav.main a{text-decoration:none;padding:.25rem 0;display:inline-block}
nav.main a[aria-current=page]{border-bottom:3px solid #fff;font-weight:600}
.account{margin-left:auto;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;font-size:.9rem}
.account form{display:inline}
.linkish{background:none;border:1px solid #fff;color:#fff;border-radius:4px;padding:.15rem .6rem;cursor:pointer;
font:inherit}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}h3{font-size:1.05rem;margin:1rem 0 .5rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:1rem;margin:0 0 1rem}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:1rem}
.notice{border-left:4px solid var(--ok);background:#eaf6ec;padding:.75rem 1rem;margin:0 0 1rem}
.problem{border-left:4px solid var(--bad);background:#fdecea;padding:.75rem 1rem;margin:0 0 1rem}
.muted{color:var(--muted)}
table{border-collapse:collapse;width:100%;background:var(--card)}
th,td{text-align:left;padding:.5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#eef2f6;font-weight:600}
.table-wrap{overflow-x:auto;margin:0 0 1rem}
.badge{display:inline-block;border-radius:999px;padding:0 .6rem;font-size:.85rem;border:1px solid currentColor;
white-space:nowrap}
.badge.draft{color:var(--muted)}.badge.open,.badge.verified,.badge.active,.badge.planned{color:var(--ok)}
.badge.evaluation,.badge.pending,.badge.in_training{color:var(--warn)}
.badge.cancelled,.badge.suspended,.badge.archived,.badge.disqualified,.badge.withdrawn,.badge.not_awarded{color:var(--bad)}
.badge.submitted,.badge.awarded{color:var(--ok)}
.score-cell{display:flex;gap:.5rem;align-items:center}.score-cell svg{width:5rem}
.sum-ok{color:var(--ok);font-weight:600}.sum-bad{color:var(--bad);font-weight:600}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0}
.actions form{margin:0}
button,.button{font:inherit;background:var(--brand);color:var(--brand-ink);border:1px solid var(--brand);
border-radius:4px;padding:.4rem 1rem;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary,.button.secondary{background:#fff;color:var(--brand)}
button.danger{background:var(--bad);border-color:var(--bad)}
form.stack label,.field>label,.field>.label{display:block;font-weight:600;margin:.75rem 0 .25rem}
.field .hint{font-size:.9rem;color:var(--muted);margin:.1rem 0}
.field .error,.error{color:var(--bad);font-weight:600;margin:.25rem 0}
input[type=text],input[type=email],input[type=password],input[type=number],input[type=date],
input[type=datetime-local],select,textarea{font:inherit;width:100%;max-width:32rem;padding:.4rem;border:1px solid #8c959f;
border-radius:4px;background:#fff}
input[aria-invalid=true],select[aria-invalid=true],textarea[aria-invalid=true]{border:2px solid var(--bad)}
textarea{min-height:6rem}
fieldset{border:1px solid var(--line);border-radius:6px;margin:1rem 0;padding:.5rem 1rem 1rem;background:var(--card)}
legend{font-weight:600;padding:0 .25rem}
.row{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:0 1rem}
.check{display:flex;gap:.5rem;align-items:center;margin:.5rem 0}
.check label{font-weight:400;margin:0}
ul.tree,ul.tree ul{list-style:none;margin:0;padding-left:1.25rem}
ul.tree{padding-left:0}
ul.tree li{margin:.35rem 0}
.skill{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:center}
.skill>label{font-weight:400;min-width:10rem}
.skill .params{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:center;font-size:.9rem}
.skill .params label{font-weight:400;display:inline;margin:0}
.skill .params select,.skill .params input{width:auto;padding:.15rem}
.score{font-size:1.4rem;font-weight:700}
.factors{list-style:none;padding:0;margin:.5rem 0}
.factors>li{display:grid;grid-template-columns:8rem 10rem 3rem 1fr;gap:.25rem .75rem;align-items:center;
padding:.35rem 0;border-bottom:1px solid var(--line)}
.factors svg{display:block}
.bar-bg{fill:var(--bar-bg)}.bar{fill:var(--bar)}
.evidence{margin:0;padding-left:1.1rem;font-size:.95rem}
p.big-figure{font-size:3rem;font-weight:700;margin:.25rem 0;line-height:1.1}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.pager{display:flex;gap:1rem;margin:1rem 0}
ol.plain{list-style:none;padding:0;margin:0}
.signin{max-width:26rem;margin:2rem auto}
footer{max-width:72rem;margin:2rem auto;padding:0 1rem;color:var(--muted);font-size:.85rem}
@media (max-width:40rem){
.factors>li{grid-template-columns:1fr 6rem 3rem}.factors li .evidence{grid-column:1/-1}
header.top{gap:.25rem 1rem}.account{margin-left:0}
th,td{padding:.35rem}
.table-wrap table{min-width:36rem}
}
`;
