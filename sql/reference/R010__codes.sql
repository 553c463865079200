-- Reference codes and the spellings of them met in real ledgers (GLOSSARY.md). Idempotent: re-applied when edited.
DELETE FROM dim_sector;
INSERT INTO dim_sector VALUES
  ('fire',               '消防',       'Fire',                 TRUE,  1),
  ('road_traffic',       '道路交通',   'Road traffic',         TRUE,  2),
  ('town_gas',           '城镇燃气',   'Town gas',             TRUE,  3),
  ('self_built_housing', '自建房',     'Self-built housing',   TRUE,  4),
  ('forest_fire',        '森林防火',   'Forest fire',          TRUE,  5),
  ('construction',       '建筑施工',   'Construction',         FALSE, 6),
  ('hazchem',            '危险化学品', 'Hazardous chemicals',  FALSE, 7),
  ('special_equipment',  '特种设备',   'Special equipment',    FALSE, 8),
  ('industry_trade',     '工贸',       'Industry and trade',   FALSE, 9),
  ('tourism',            '旅游',       'Tourism',              FALSE, 10),
  ('other',              '其他',       'Other',                FALSE, 11);

DELETE FROM dim_department;
INSERT INTO dim_department VALUES
  ('safety_office',      '安监所',     'Safety supervision office', 1),
  ('police',             '派出所',     'Police station',            2),
  ('enforcement_branch', '执法分局',   'Enforcement branch',        3),
  ('civil_affairs',      '民政办',     'Civil affairs office',      4),
  ('project_office',     '项目办',     'Project office',            5),
  ('market_regulation',  '市场监管所', 'Market regulation office',  6),
  ('urban_construction', '城建办',     'Urban construction office', 7),
  ('agri_station',       '农综站',     'Agricultural station',      8),
  ('forestry_station',   '林业站',     'Forestry station',          9);

DELETE FROM dim_inspection_type;
INSERT INTO dim_inspection_type VALUES
  ('routine',       '日常巡查',     'Daily patrol',            1),
  ('monthly',       '月度排查',     'Monthly check',           2),
  ('key_date',      '节点检查',     'Key-date inspection',     3),
  ('disaster',      '灾害天气检查', 'Disaster-weather check',  4),
  ('post_accident', '举一反三排查', 'Post-accident check',     5),
  ('double_random', '双随机抽查',   'Double-random check',     6),
  ('covert',        '明查暗访',     'Unannounced check',       7),
  ('door_knock',    '敲门行动',     'Door-knock visit',        8),
  ('self_check',    '企业自查',     'Enterprise self-check',   9);

DELETE FROM dim_enforcement_action;
INSERT INTO dim_enforcement_action VALUES
  ('reminder',          '首查服务提醒',     'Service reminder (1st)',  1,    1),
  ('warning',           '再查警告警示',     'Warning (2nd)',           2,    2),
  ('penalty',           '三查依法查处',     'Legal penalty (3rd)',     3,    3),
  ('interview',         '约谈',             'Interview',               NULL, 4),
  ('notice',            '通报',             'Public notice',           NULL, 5),
  ('exposure',          '曝光',             'Media exposure',          NULL, 6),
  ('fine',              '罚款',             'Fine',                    NULL, 7),
  ('suspension',        '责令停产停业整顿', 'Suspension',              NULL, 8),
  ('closure',           '关闭取缔',         'Closure',                 NULL, 9),
  ('judicial_transfer', '移送司法',         'Judicial transfer',       NULL, 10),
  ('blacklist',         '纳入黑名单',       'Blacklisted',             NULL, 11);

DELETE FROM code_alias;
-- every code and every Chinese name is an alias of itself
INSERT INTO code_alias SELECT 'sector', sector_code, sector_code FROM dim_sector;
INSERT INTO code_alias SELECT 'sector', name_zh, sector_code FROM dim_sector;
INSERT INTO code_alias SELECT 'department', department_code, department_code FROM dim_department;
INSERT INTO code_alias SELECT 'department', name_zh, department_code FROM dim_department;
INSERT INTO code_alias SELECT 'inspection_type', type_code, type_code FROM dim_inspection_type;
INSERT INTO code_alias SELECT 'inspection_type', name_zh, type_code FROM dim_inspection_type;
INSERT INTO code_alias SELECT 'enforcement_action', action_code, action_code FROM dim_enforcement_action;
INSERT INTO code_alias SELECT 'enforcement_action', name_zh, action_code FROM dim_enforcement_action;
INSERT INTO code_alias VALUES
  ('sector', '消防安全', 'fire'), ('sector', '火灾', 'fire'), ('sector', '电气火灾', 'fire'),
  ('sector', '电动自行车', 'fire'), ('sector', '小火亡人', 'fire'),
  ('sector', '交通', 'road_traffic'), ('sector', '道路交通安全', 'road_traffic'), ('sector', '两客一危', 'road_traffic'),
  ('sector', '公路', 'road_traffic'),
  ('sector', '燃气', 'town_gas'), ('sector', '液化气', 'town_gas'), ('sector', '天然气', 'town_gas'),
  ('sector', '瓶装燃气', 'town_gas'), ('sector', '餐饮燃气', 'town_gas'),
  ('sector', '城乡自建房', 'self_built_housing'), ('sector', '自建房屋', 'self_built_housing'),
  ('sector', '房屋安全', 'self_built_housing'), ('sector', '经营性自建房', 'self_built_housing'),
  ('sector', '森林防灭火', 'forest_fire'), ('sector', '林区', 'forest_fire'), ('sector', '野外用火', 'forest_fire'),
  ('sector', '护林防火', 'forest_fire'),
  ('sector', '建筑', 'construction'), ('sector', '施工', 'construction'), ('sector', '零星工程', 'construction'),
  ('sector', '危大工程', 'construction'),
  ('sector', '危化品', 'hazchem'), ('sector', '易燃易爆', 'hazchem'),
  ('sector', '锅炉', 'special_equipment'), ('sector', '电梯', 'special_equipment'), ('sector', '气瓶', 'special_equipment'),
  ('sector', '场车', 'special_equipment'),
  ('sector', '工商贸', 'industry_trade'), ('sector', '工贸企业', 'industry_trade'),
  ('sector', '农家乐', 'tourism'), ('sector', '景区', 'tourism'), ('sector', '旅游风景区', 'tourism'),
  ('sector', '油气管线', 'other'), ('sector', '民爆物品', 'other'), ('sector', '水上交通', 'other'),
  ('sector', '渔业船舶', 'other'), ('sector', '农业机械', 'other'), ('sector', '电力', 'other'),
  ('sector', '平台经济', 'other'),
  ('department', '安全生产监督管理所', 'safety_office'), ('department', '镇安监所', 'safety_office'),
  ('department', '镇派出所', 'police'), ('department', '综合执法分局', 'enforcement_branch'),
  ('department', '民政所', 'civil_affairs'), ('department', '市场监督管理所', 'market_regulation'),
  ('department', '城建所', 'urban_construction'), ('department', '农业综合服务站', 'agri_station'),
  ('department', '林业工作站', 'forestry_station'),
  ('inspection_type', '日常检查', 'routine'), ('inspection_type', '巡查', 'routine'),
  ('inspection_type', '月度督查', 'monthly'), ('inspection_type', '每月排查', 'monthly'), ('inspection_type', '月度检查', 'monthly'),
  ('inspection_type', '节假日检查', 'key_date'), ('inspection_type', '重要节点检查', 'key_date'),
  ('inspection_type', '灾害天气排查', 'disaster'), ('inspection_type', '汛期检查', 'disaster'),
  ('inspection_type', '双随机', 'double_random'), ('inspection_type', '双随机、一公开', 'double_random'),
  ('inspection_type', '暗访', 'covert'), ('inspection_type', '敲门', 'door_knock'), ('inspection_type', '自查', 'self_check'),
  ('enforcement_action', '首查', 'reminder'), ('enforcement_action', '服务提醒', 'reminder'),
  ('enforcement_action', '再查', 'warning'), ('enforcement_action', '警告', 'warning'), ('enforcement_action', '警告警示', 'warning'),
  ('enforcement_action', '三查', 'penalty'), ('enforcement_action', '依法查处', 'penalty'), ('enforcement_action', '行政处罚', 'penalty'),
  ('enforcement_action', '停产停业整顿', 'suspension'), ('enforcement_action', '责令停产整顿', 'suspension'),
  ('enforcement_action', '取缔', 'closure'), ('enforcement_action', '移送', 'judicial_transfer'),
  ('enforcement_action', '黑名单', 'blacklist'), ('enforcement_action', '纳入失信联合惩戒黑名单', 'blacklist'),
  ('hazard_level', 'general', 'general'), ('hazard_level', '一般', 'general'), ('hazard_level', '一般隐患', 'general'),
  ('hazard_level', '一般事故隐患', 'general'),
  ('hazard_level', 'major', 'major'), ('hazard_level', '重大', 'major'), ('hazard_level', '重大隐患', 'major'),
  ('hazard_level', '重大事故隐患', 'major'),
  ('hazard_status', 'open', 'open'), ('hazard_status', '待整改', 'open'), ('hazard_status', '未整改', 'open'),
  ('hazard_status', 'rectifying', 'rectifying'), ('hazard_status', '整改中', 'rectifying'), ('hazard_status', '正在整改', 'rectifying'),
  ('hazard_status', 'rectified', 'rectified'), ('hazard_status', '已整改', 'rectified'), ('hazard_status', '整改完成', 'rectified'),
  ('hazard_status', 'closed', 'closed'), ('hazard_status', '已销号', 'closed'), ('hazard_status', '已验收', 'closed'),
  ('hazard_status', '销号', 'closed'), ('hazard_status', '已闭环', 'closed'),
  ('scale', 'above_scale', 'above_scale'), ('scale', '规上企业', 'above_scale'), ('scale', '规上', 'above_scale'),
  ('scale', '规模以上', 'above_scale'),
  ('scale', 'sme', 'sme'), ('scale', '中小企业', 'sme'), ('scale', '中小', 'sme'),
  ('scale', 'micro', 'micro'), ('scale', '小微企业', 'micro'), ('scale', '小微', 'micro'),
  ('scale', 'shop', 'shop'), ('scale', '门店作坊', 'shop'), ('scale', '个体户', 'shop'), ('scale', '门店', 'shop'),
  ('scale', '作坊', 'shop'),
  ('accident_level', 'general', 'general'), ('accident_level', '一般', 'general'), ('accident_level', '一般事故', 'general'),
  ('accident_level', 'larger', 'larger'), ('accident_level', '较大', 'larger'), ('accident_level', '较大事故', 'larger'),
  ('accident_level', 'major', 'major'), ('accident_level', '重大', 'major'), ('accident_level', '重大事故', 'major'),
  ('accident_level', 'extraordinary', 'extraordinary'), ('accident_level', '特别重大', 'extraordinary'),
  ('accident_level', '特别重大事故', 'extraordinary'),
  ('region_level', 'county', 'county'), ('region_level', '县', 'county'), ('region_level', '区', 'county'),
  ('region_level', '县(区)', 'county'), ('region_level', 'town', 'town'), ('region_level', '镇', 'town'),
  ('region_level', '乡', 'town'), ('region_level', '乡镇', 'town'), ('region_level', '街道', 'town'),
  ('region_level', 'village', 'village'), ('region_level', '村', 'village'), ('region_level', '社区', 'village'),
  ('region_level', '村(社区)', 'village'),
  ('yes_no', '是', 'true'), ('yes_no', '否', 'false'), ('yes_no', 'Y', 'true'), ('yes_no', 'N', 'false'),
  ('yes_no', 'y', 'true'), ('yes_no', 'n', 'false'), ('yes_no', '√', 'true'), ('yes_no', '×', 'false'),
  ('yes_no', '1', 'true'), ('yes_no', '0', 'false'), ('yes_no', 'true', 'true'), ('yes_no', 'false', 'false'),
  ('yes_no', 'TRUE', 'true'), ('yes_no', 'FALSE', 'false'), ('yes_no', '有', 'true'), ('yes_no', '无', 'false'),
  ('yes_no', '已落实', 'true'), ('yes_no', '未落实', 'false'), ('yes_no', '已公布', 'true'), ('yes_no', '未公布', 'false');
