// Reference seed data: Beijing digital-technology skills-training occupations and the skill tree they draw on.

export type Sector =
  | "ai"
  | "big_data"
  | "blockchain"
  | "cloud"
  | "iot"
  | "intelligent_manufacturing"
  | "industrial_internet"
  | "vr"
  | "digital_twin";

export interface SeedOccupation {
  code: string;
  nameEn: string;
  nameZh: string;
  nationalCode: string | null;
  sector: Sector;
}

export interface SeedSkill {
  key: string;
  nameEn: string;
  nameZh: string;
  parentKey: string | null;
  sector: Sector;
}

// biome-ignore format: one seed row per line
export const OCCUPATIONS: readonly SeedOccupation[] = [
  { code: "ai_engineer", nameEn: "AI engineering technician", nameZh: "人工智能工程技术人员", nationalCode: "2-02-10-09", sector: "ai" },
  { code: "ai_trainer", nameEn: "AI trainer", nameZh: "人工智能训练师", nationalCode: "4-04-05-05", sector: "ai" },
  { code: "big_data_engineer", nameEn: "Big-data engineering technician", nameZh: "大数据工程技术人员", nationalCode: "2-02-10-11", sector: "big_data" },
  { code: "cloud_engineer", nameEn: "Cloud-computing engineering technician", nameZh: "云计算工程技术人员", nationalCode: "2-02-10-12", sector: "cloud" },
  { code: "blockchain_engineer", nameEn: "Blockchain engineering technician", nameZh: "区块链工程技术人员", nationalCode: null, sector: "blockchain" },
  { code: "iot_engineer", nameEn: "IoT engineering technician", nameZh: "物联网工程技术人员", nationalCode: null, sector: "iot" },
  { code: "intelligent_manufacturing_engineer", nameEn: "Intelligent-manufacturing engineering technician", nameZh: "智能制造工程技术人员", nationalCode: null, sector: "intelligent_manufacturing" },
  { code: "industrial_internet_engineer", nameEn: "Industrial-internet engineering technician", nameZh: "工业互联网工程技术人员", nationalCode: null, sector: "industrial_internet" },
  { code: "vr_engineer", nameEn: "Virtual-reality engineering technician", nameZh: "虚拟现实工程技术人员", nationalCode: null, sector: "vr" },
  { code: "digital_twin_technician", nameEn: "Digital-twin application technician", nameZh: "数字孪生应用技术员", nationalCode: null, sector: "digital_twin" },
];

// biome-ignore format: one seed row per line
export const SKILLS: readonly SeedSkill[] = [
  // ── Artificial intelligence ──
  { key: "machine_learning", nameEn: "Machine learning", nameZh: "机器学习", parentKey: null, sector: "ai" },
  { key: "supervised_learning", nameEn: "Supervised learning", nameZh: "监督学习", parentKey: "machine_learning", sector: "ai" },
  { key: "unsupervised_learning", nameEn: "Unsupervised learning", nameZh: "无监督学习", parentKey: "machine_learning", sector: "ai" },
  { key: "reinforcement_learning", nameEn: "Reinforcement learning", nameZh: "强化学习", parentKey: "machine_learning", sector: "ai" },
  { key: "deep_learning", nameEn: "Deep learning", nameZh: "深度学习", parentKey: "machine_learning", sector: "ai" },
  { key: "computer_vision", nameEn: "Computer vision", nameZh: "计算机视觉", parentKey: "deep_learning", sector: "ai" },
  { key: "natural_language_processing", nameEn: "Natural language processing", nameZh: "自然语言处理", parentKey: "deep_learning", sector: "ai" },
  { key: "speech_recognition", nameEn: "Speech recognition", nameZh: "语音识别", parentKey: "deep_learning", sector: "ai" },
  { key: "pytorch", nameEn: "PyTorch", nameZh: "PyTorch深度学习框架", parentKey: "deep_learning", sector: "ai" },
  { key: "tensorflow", nameEn: "TensorFlow", nameZh: "TensorFlow深度学习框架", parentKey: "deep_learning", sector: "ai" },
  { key: "large_models", nameEn: "Large-model engineering", nameZh: "大模型技术", parentKey: null, sector: "ai" },
  { key: "prompt_engineering", nameEn: "Prompt engineering", nameZh: "提示词工程", parentKey: "large_models", sector: "ai" },
  { key: "llm_fine_tuning", nameEn: "LLM fine-tuning", nameZh: "大模型微调", parentKey: "large_models", sector: "ai" },
  { key: "retrieval_augmented_generation", nameEn: "Retrieval-augmented generation", nameZh: "检索增强生成", parentKey: "large_models", sector: "ai" },
  { key: "model_deployment", nameEn: "Model deployment and inference optimization", nameZh: "模型部署与推理优化", parentKey: "large_models", sector: "ai" },
  { key: "data_annotation", nameEn: "Data annotation", nameZh: "数据标注", parentKey: null, sector: "ai" },
  { key: "image_annotation", nameEn: "Image annotation", nameZh: "图像标注", parentKey: "data_annotation", sector: "ai" },
  { key: "text_annotation", nameEn: "Text annotation", nameZh: "文本标注", parentKey: "data_annotation", sector: "ai" },
  { key: "annotation_quality_control", nameEn: "Annotation quality control", nameZh: "标注质量检验", parentKey: "data_annotation", sector: "ai" },

  // ── Big data ──
  { key: "data_engineering", nameEn: "Data engineering", nameZh: "数据工程", parentKey: null, sector: "big_data" },
  { key: "hadoop_ecosystem", nameEn: "Hadoop ecosystem", nameZh: "Hadoop生态", parentKey: "data_engineering", sector: "big_data" },
  { key: "apache_hive", nameEn: "Apache Hive", nameZh: "Hive数据仓库", parentKey: "hadoop_ecosystem", sector: "big_data" },
  { key: "batch_processing", nameEn: "Batch processing", nameZh: "批处理", parentKey: "data_engineering", sector: "big_data" },
  { key: "apache_spark", nameEn: "Apache Spark", nameZh: "Spark分布式计算", parentKey: "batch_processing", sector: "big_data" },
  { key: "stream_processing", nameEn: "Stream processing", nameZh: "流处理", parentKey: "data_engineering", sector: "big_data" },
  { key: "apache_flink", nameEn: "Apache Flink", nameZh: "Flink实时计算", parentKey: "stream_processing", sector: "big_data" },
  { key: "apache_kafka", nameEn: "Apache Kafka", nameZh: "Kafka消息队列", parentKey: "stream_processing", sector: "big_data" },
  { key: "data_warehouse_modeling", nameEn: "Data warehouse modeling", nameZh: "数据仓库建模", parentKey: "data_engineering", sector: "big_data" },
  { key: "etl_development", nameEn: "ETL development", nameZh: "ETL开发", parentKey: "data_engineering", sector: "big_data" },
  { key: "data_analysis", nameEn: "Data analysis", nameZh: "数据分析", parentKey: null, sector: "big_data" },
  { key: "python_programming", nameEn: "Python programming", nameZh: "Python编程", parentKey: "data_analysis", sector: "big_data" },
  { key: "sql", nameEn: "SQL", nameZh: "SQL数据查询", parentKey: "data_analysis", sector: "big_data" },
  { key: "statistical_analysis", nameEn: "Statistical analysis", nameZh: "统计分析", parentKey: "data_analysis", sector: "big_data" },
  { key: "data_visualization", nameEn: "Data visualization", nameZh: "数据可视化", parentKey: "data_analysis", sector: "big_data" },
  { key: "data_governance", nameEn: "Data governance", nameZh: "数据治理", parentKey: null, sector: "big_data" },
  { key: "data_quality_management", nameEn: "Data quality management", nameZh: "数据质量管理", parentKey: "data_governance", sector: "big_data" },
  { key: "data_security_compliance", nameEn: "Data security and compliance", nameZh: "数据安全与合规", parentKey: "data_governance", sector: "big_data" },

  // ── Cloud computing ──
  { key: "cloud_infrastructure", nameEn: "Cloud infrastructure", nameZh: "云基础设施", parentKey: null, sector: "cloud" },
  { key: "linux_administration", nameEn: "Linux administration", nameZh: "Linux系统管理", parentKey: "cloud_infrastructure", sector: "cloud" },
  { key: "virtualization", nameEn: "Virtualization", nameZh: "虚拟化技术", parentKey: "cloud_infrastructure", sector: "cloud" },
  { key: "cloud_networking", nameEn: "Cloud networking", nameZh: "云网络", parentKey: "cloud_infrastructure", sector: "cloud" },
  { key: "cloud_storage", nameEn: "Cloud storage", nameZh: "云存储", parentKey: "cloud_infrastructure", sector: "cloud" },
  { key: "cloud_native", nameEn: "Cloud native", nameZh: "云原生", parentKey: null, sector: "cloud" },
  { key: "containerization", nameEn: "Containerization", nameZh: "容器技术", parentKey: "cloud_native", sector: "cloud" },
  { key: "docker", nameEn: "Docker", nameZh: "Docker容器", parentKey: "containerization", sector: "cloud" },
  { key: "kubernetes", nameEn: "Kubernetes", nameZh: "Kubernetes容器编排", parentKey: "cloud_native", sector: "cloud" },
  { key: "helm", nameEn: "Helm", nameZh: "Helm应用包管理", parentKey: "kubernetes", sector: "cloud" },
  { key: "service_mesh", nameEn: "Service mesh", nameZh: "服务网格", parentKey: "kubernetes", sector: "cloud" },
  { key: "microservices", nameEn: "Microservice architecture", nameZh: "微服务架构", parentKey: "cloud_native", sector: "cloud" },
  { key: "ci_cd", nameEn: "Continuous integration and delivery", nameZh: "持续集成与持续交付", parentKey: "cloud_native", sector: "cloud" },
  { key: "cloud_operations", nameEn: "Cloud operations", nameZh: "云运维", parentKey: null, sector: "cloud" },
  { key: "infrastructure_as_code", nameEn: "Infrastructure as code", nameZh: "基础设施即代码", parentKey: "cloud_operations", sector: "cloud" },
  { key: "terraform", nameEn: "Terraform", nameZh: "Terraform资源编排", parentKey: "infrastructure_as_code", sector: "cloud" },
  { key: "observability", nameEn: "Monitoring and observability", nameZh: "监控与可观测性", parentKey: "cloud_operations", sector: "cloud" },
  { key: "prometheus", nameEn: "Prometheus", nameZh: "Prometheus监控", parentKey: "observability", sector: "cloud" },
  { key: "cloud_security", nameEn: "Cloud security", nameZh: "云安全", parentKey: "cloud_operations", sector: "cloud" },

  // ── Blockchain ──
  { key: "blockchain_fundamentals", nameEn: "Blockchain fundamentals", nameZh: "区块链基础", parentKey: null, sector: "blockchain" },
  { key: "cryptography", nameEn: "Applied cryptography", nameZh: "密码学基础", parentKey: "blockchain_fundamentals", sector: "blockchain" },
  { key: "sm_cryptography", nameEn: "Chinese commercial cryptography (SM2/SM3/SM4)", nameZh: "国密算法", parentKey: "cryptography", sector: "blockchain" },
  { key: "consensus_mechanisms", nameEn: "Consensus mechanisms", nameZh: "共识机制", parentKey: "blockchain_fundamentals", sector: "blockchain" },
  { key: "distributed_ledger", nameEn: "Distributed ledger", nameZh: "分布式账本", parentKey: "blockchain_fundamentals", sector: "blockchain" },
  { key: "smart_contracts", nameEn: "Smart contracts", nameZh: "智能合约", parentKey: null, sector: "blockchain" },
  { key: "solidity", nameEn: "Solidity", nameZh: "Solidity合约开发", parentKey: "smart_contracts", sector: "blockchain" },
  { key: "smart_contract_audit", nameEn: "Smart-contract security audit", nameZh: "智能合约安全审计", parentKey: "smart_contracts", sector: "blockchain" },
  { key: "blockchain_platforms", nameEn: "Blockchain platforms", nameZh: "区块链平台", parentKey: null, sector: "blockchain" },
  { key: "hyperledger_fabric", nameEn: "Hyperledger Fabric", nameZh: "Hyperledger Fabric联盟链", parentKey: "blockchain_platforms", sector: "blockchain" },
  { key: "fisco_bcos", nameEn: "FISCO BCOS", nameZh: "FISCO BCOS联盟链", parentKey: "blockchain_platforms", sector: "blockchain" },
  { key: "chainmaker", nameEn: "ChainMaker (Chang'an Chain)", nameZh: "长安链", parentKey: "blockchain_platforms", sector: "blockchain" },
  { key: "dapp_development", nameEn: "Decentralized application development", nameZh: "去中心化应用开发", parentKey: "blockchain_platforms", sector: "blockchain" },

  // ── Internet of Things ──
  { key: "embedded_systems", nameEn: "Embedded systems", nameZh: "嵌入式系统", parentKey: null, sector: "iot" },
  { key: "microcontroller_programming", nameEn: "Microcontroller programming", nameZh: "单片机编程", parentKey: "embedded_systems", sector: "iot" },
  { key: "embedded_linux", nameEn: "Embedded Linux", nameZh: "嵌入式Linux开发", parentKey: "embedded_systems", sector: "iot" },
  { key: "sensor_technology", nameEn: "Sensor technology", nameZh: "传感器技术", parentKey: "embedded_systems", sector: "iot" },
  { key: "iot_communication", nameEn: "IoT communication", nameZh: "物联网通信", parentKey: null, sector: "iot" },
  { key: "mqtt", nameEn: "MQTT", nameZh: "MQTT协议", parentKey: "iot_communication", sector: "iot" },
  { key: "short_range_wireless", nameEn: "Short-range wireless", nameZh: "短距离无线通信", parentKey: "iot_communication", sector: "iot" },
  { key: "zigbee", nameEn: "ZigBee", nameZh: "ZigBee无线组网", parentKey: "short_range_wireless", sector: "iot" },
  { key: "bluetooth_low_energy", nameEn: "Bluetooth Low Energy", nameZh: "低功耗蓝牙", parentKey: "short_range_wireless", sector: "iot" },
  { key: "lpwan", nameEn: "Low-power wide-area networks", nameZh: "低功耗广域网", parentKey: "iot_communication", sector: "iot" },
  { key: "nb_iot", nameEn: "NB-IoT", nameZh: "NB-IoT窄带物联网", parentKey: "lpwan", sector: "iot" },
  { key: "lorawan", nameEn: "LoRaWAN", nameZh: "LoRaWAN组网", parentKey: "lpwan", sector: "iot" },
  { key: "iot_platforms", nameEn: "IoT platforms", nameZh: "物联网平台", parentKey: null, sector: "iot" },
  { key: "device_management", nameEn: "Device onboarding and management", nameZh: "设备接入与管理", parentKey: "iot_platforms", sector: "iot" },
  { key: "edge_computing", nameEn: "Edge computing", nameZh: "边缘计算", parentKey: "iot_platforms", sector: "iot" },
  { key: "iot_security", nameEn: "IoT security", nameZh: "物联网安全", parentKey: "iot_platforms", sector: "iot" },

  // ── Intelligent manufacturing ──
  { key: "industrial_automation", nameEn: "Industrial automation", nameZh: "工业自动化", parentKey: null, sector: "intelligent_manufacturing" },
  { key: "plc_programming", nameEn: "PLC programming", nameZh: "PLC编程与调试", parentKey: "industrial_automation", sector: "intelligent_manufacturing" },
  { key: "motion_control", nameEn: "Motion control", nameZh: "运动控制", parentKey: "industrial_automation", sector: "intelligent_manufacturing" },
  { key: "industrial_robotics", nameEn: "Industrial robotics", nameZh: "工业机器人技术", parentKey: "industrial_automation", sector: "intelligent_manufacturing" },
  { key: "robot_programming", nameEn: "Industrial robot programming", nameZh: "工业机器人编程", parentKey: "industrial_robotics", sector: "intelligent_manufacturing" },
  { key: "machine_vision", nameEn: "Machine vision", nameZh: "机器视觉", parentKey: "industrial_robotics", sector: "intelligent_manufacturing" },
  { key: "manufacturing_systems", nameEn: "Smart manufacturing systems", nameZh: "智能制造系统", parentKey: null, sector: "intelligent_manufacturing" },
  { key: "mes", nameEn: "Manufacturing execution systems", nameZh: "制造执行系统", parentKey: "manufacturing_systems", sector: "intelligent_manufacturing" },
  { key: "plm", nameEn: "Product lifecycle management", nameZh: "产品生命周期管理", parentKey: "manufacturing_systems", sector: "intelligent_manufacturing" },
  { key: "aps", nameEn: "Advanced planning and scheduling", nameZh: "高级计划与排程", parentKey: "manufacturing_systems", sector: "intelligent_manufacturing" },
  { key: "production_line_integration", nameEn: "Smart production-line integration", nameZh: "智能产线集成与调试", parentKey: "manufacturing_systems", sector: "intelligent_manufacturing" },
  { key: "digital_design_manufacturing", nameEn: "Digital design and manufacturing", nameZh: "数字化设计与制造", parentKey: null, sector: "intelligent_manufacturing" },
  { key: "cad_cam", nameEn: "CAD/CAM", nameZh: "计算机辅助设计与制造", parentKey: "digital_design_manufacturing", sector: "intelligent_manufacturing" },
  { key: "additive_manufacturing", nameEn: "Additive manufacturing", nameZh: "增材制造", parentKey: "digital_design_manufacturing", sector: "intelligent_manufacturing" },

  // ── Industrial internet ──
  { key: "industrial_networks", nameEn: "Industrial networks", nameZh: "工业网络", parentKey: null, sector: "industrial_internet" },
  { key: "industrial_ethernet", nameEn: "Industrial Ethernet", nameZh: "工业以太网", parentKey: "industrial_networks", sector: "industrial_internet" },
  { key: "profinet", nameEn: "PROFINET", nameZh: "PROFINET协议", parentKey: "industrial_ethernet", sector: "industrial_internet" },
  { key: "ethercat", nameEn: "EtherCAT", nameZh: "EtherCAT协议", parentKey: "industrial_ethernet", sector: "industrial_internet" },
  { key: "time_sensitive_networking", nameEn: "Time-sensitive networking", nameZh: "时间敏感网络", parentKey: "industrial_networks", sector: "industrial_internet" },
  { key: "opc_ua", nameEn: "OPC UA", nameZh: "OPC UA协议", parentKey: "industrial_networks", sector: "industrial_internet" },
  { key: "industrial_5g", nameEn: "5G for industry", nameZh: "5G工业应用", parentKey: "industrial_networks", sector: "industrial_internet" },
  { key: "identifier_resolution", nameEn: "Industrial internet identifier resolution", nameZh: "标识解析", parentKey: "industrial_networks", sector: "industrial_internet" },
  { key: "industrial_internet_platform", nameEn: "Industrial internet platforms", nameZh: "工业互联网平台", parentKey: null, sector: "industrial_internet" },
  { key: "industrial_data_acquisition", nameEn: "Industrial data acquisition", nameZh: "工业数据采集", parentKey: "industrial_internet_platform", sector: "industrial_internet" },
  { key: "industrial_app_development", nameEn: "Industrial app development", nameZh: "工业APP开发", parentKey: "industrial_internet_platform", sector: "industrial_internet" },
  { key: "industrial_data_analytics", nameEn: "Industrial big-data analytics", nameZh: "工业大数据分析", parentKey: "industrial_internet_platform", sector: "industrial_internet" },
  { key: "predictive_maintenance", nameEn: "Predictive maintenance", nameZh: "预测性维护", parentKey: "industrial_data_analytics", sector: "industrial_internet" },
  { key: "industrial_internet_security", nameEn: "Industrial internet security", nameZh: "工业互联网安全", parentKey: null, sector: "industrial_internet" },
  { key: "ics_security", nameEn: "Industrial control system security", nameZh: "工业控制系统安全", parentKey: "industrial_internet_security", sector: "industrial_internet" },

  // ── Virtual reality ──
  { key: "vr_content_development", nameEn: "VR content development", nameZh: "虚拟现实内容开发", parentKey: null, sector: "vr" },
  { key: "three_d_modeling", nameEn: "3D modeling", nameZh: "三维建模", parentKey: "vr_content_development", sector: "vr" },
  { key: "real_time_engines", nameEn: "Real-time 3D engines", nameZh: "实时三维引擎", parentKey: "vr_content_development", sector: "vr" },
  { key: "unity", nameEn: "Unity", nameZh: "Unity引擎开发", parentKey: "real_time_engines", sector: "vr" },
  { key: "unreal_engine", nameEn: "Unreal Engine", nameZh: "虚幻引擎开发", parentKey: "real_time_engines", sector: "vr" },
  { key: "computer_graphics", nameEn: "Computer graphics", nameZh: "计算机图形学", parentKey: "vr_content_development", sector: "vr" },
  { key: "shader_programming", nameEn: "Shader programming", nameZh: "着色器编程", parentKey: "computer_graphics", sector: "vr" },
  { key: "vr_interaction_design", nameEn: "VR interaction design", nameZh: "虚拟现实交互设计", parentKey: "vr_content_development", sector: "vr" },
  { key: "xr_systems", nameEn: "XR systems", nameZh: "扩展现实系统", parentKey: null, sector: "vr" },
  { key: "head_mounted_display", nameEn: "Head-mounted display integration", nameZh: "头戴显示设备集成", parentKey: "xr_systems", sector: "vr" },
  { key: "motion_tracking", nameEn: "Motion capture and tracking", nameZh: "动作捕捉与追踪", parentKey: "xr_systems", sector: "vr" },
  { key: "augmented_reality", nameEn: "Augmented reality", nameZh: "增强现实", parentKey: "xr_systems", sector: "vr" },

  // ── Digital twin ──
  { key: "digital_twin_modeling", nameEn: "Digital-twin modeling", nameZh: "数字孪生建模", parentKey: null, sector: "digital_twin" },
  { key: "mechanism_modeling", nameEn: "Physics-based modeling", nameZh: "机理建模", parentKey: "digital_twin_modeling", sector: "digital_twin" },
  { key: "data_driven_modeling", nameEn: "Data-driven modeling", nameZh: "数据驱动建模", parentKey: "digital_twin_modeling", sector: "digital_twin" },
  { key: "multiphysics_simulation", nameEn: "Multiphysics simulation", nameZh: "多物理场仿真", parentKey: "digital_twin_modeling", sector: "digital_twin" },
  { key: "digital_twin_integration", nameEn: "Digital-twin system integration", nameZh: "数字孪生系统集成", parentKey: null, sector: "digital_twin" },
  { key: "multi_source_data_fusion", nameEn: "Multi-source data fusion", nameZh: "多源数据融合", parentKey: "digital_twin_integration", sector: "digital_twin" },
  { key: "virtual_real_synchronization", nameEn: "Physical-virtual synchronization", nameZh: "虚实同步与交互", parentKey: "digital_twin_integration", sector: "digital_twin" },
  { key: "twin_visualization", nameEn: "Digital-twin visualization", nameZh: "孪生可视化", parentKey: "digital_twin_integration", sector: "digital_twin" },
  { key: "digital_twin_applications", nameEn: "Digital-twin applications", nameZh: "数字孪生应用", parentKey: null, sector: "digital_twin" },
  { key: "bim", nameEn: "Building information modeling", nameZh: "建筑信息模型", parentKey: "digital_twin_applications", sector: "digital_twin" },
  { key: "city_information_modeling", nameEn: "City information modeling", nameZh: "城市信息模型", parentKey: "digital_twin_applications", sector: "digital_twin" },
  { key: "factory_digital_twin", nameEn: "Factory digital twin", nameZh: "工厂数字孪生", parentKey: "digital_twin_applications", sector: "digital_twin" },
];
