-- Reference codes and the spellings of them met in real ledgers (GLOSSARY.md). Idempotent: re-applied when edited.
-- The code lists users extend (sectors, enforcement actions, hazard levels, inspection types) are in etl/codes.yaml.
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

-- Sectors, enforcement actions, hazard levels and inspection types, with their spellings, are in etl/codes.yaml
-- (the one editable code-list file, written at every start by cn.anjian.warehouse.CodeLists): not touched here.
DELETE FROM code_alias WHERE domain NOT IN ('sector', 'enforcement_action', 'hazard_level', 'inspection_type');
-- every code and every Chinese name is an alias of itself
INSERT INTO code_alias SELECT 'department', department_code, department_code FROM dim_department;
INSERT INTO code_alias SELECT 'department', name_zh, department_code FROM dim_department;
INSERT INTO code_alias VALUES
  ('department', '安全生产监督管理所', 'safety_office'), ('department', '镇安监所', 'safety_office'),
  ('department', '镇派出所', 'police'), ('department', '综合执法分局', 'enforcement_branch'),
  ('department', '民政所', 'civil_affairs'), ('department', '市场监督管理所', 'market_regulation'),
  ('department', '城建所', 'urban_construction'), ('department', '农业综合服务站', 'agri_station'),
  ('department', '林业工作站', 'forestry_station'),
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

-- The campaign's record kinds (issue #16); their labels are in cn.anjian.semantic.Codes. Each code is its own alias.
INSERT INTO code_alias VALUES
  ('training_role', '主要负责人', 'principal'), ('training_role', '企业主要负责人', 'principal'),
  ('training_role', '负责人', 'principal'),
  ('training_role', '安全管理人员', 'safety_manager'), ('training_role', '安管人员', 'safety_manager'),
  ('training_role', '安全生产管理人员', 'safety_manager'),
  ('training_role', '特种作业人员', 'special_operator'), ('training_role', '特种作业', 'special_operator'),
  ('training_role', '新入岗·转岗', 'new_or_transferred'), ('training_role', '新入岗', 'new_or_transferred'),
  ('training_role', '转岗', 'new_or_transferred'), ('training_role', '换岗', 'new_or_transferred'),
  ('training_role', '新入岗/转岗', 'new_or_transferred'), ('training_role', '新入岗、转岗', 'new_or_transferred'),
  ('training_role', '离岗复工', 'new_or_transferred'),
  ('training_role', '从业人员', 'worker'), ('training_role', '一般从业人员', 'worker'), ('training_role', '职工', 'worker'),
  ('training_role', '员工', 'worker'),
  ('training_type', '警示教育', 'warning_education'), ('training_type', '警示教育培训', 'warning_education'),
  ('training_type', '安全技能', 'safety_skills'), ('training_type', '安全技能培训', 'safety_skills'),
  ('training_type', '岗前', 'pre_job'), ('training_type', '岗前培训', 'pre_job'), ('training_type', '三级安全教育', 'pre_job'),
  ('training_type', '实操与应急处置', 'practical'), ('training_type', '实操', 'practical'),
  ('training_type', '实操培训', 'practical'), ('training_type', '应急处置', 'practical'),
  ('training_type', '应急处置培训', 'practical'),
  ('tipoff_channel', '12350', 'hotline_12350'), ('tipoff_channel', '12350热线', 'hotline_12350'),
  ('tipoff_channel', '12350举报电话', 'hotline_12350'),
  ('tipoff_channel', '12345', 'hotline_12345'), ('tipoff_channel', '12345热线', 'hotline_12345'),
  ('tipoff_channel', '电话', 'phone'), ('tipoff_channel', '来信', 'letter'), ('tipoff_channel', '信件', 'letter'),
  ('tipoff_channel', '来访', 'visit'), ('tipoff_channel', '网络', 'online'), ('tipoff_channel', '网上举报', 'online'),
  ('tipoff_channel', '微信', 'online'), ('tipoff_channel', '上级转办', 'referral'), ('tipoff_channel', '转办', 'referral'),
  ('tipoff_channel', '其他', 'other'),
  ('head_duty', '季度安全检查', 'quarterly_check'), ('head_duty', '安全检查', 'quarterly_check'),
  ('head_duty', '检查', 'quarterly_check'), ('head_duty', '负责人检查', 'quarterly_check'),
  ('head_duty', '年度述职', 'annual_report'), ('head_duty', '述职', 'annual_report'),
  ('head_duty', '向职工大会述职', 'annual_report'), ('head_duty', '职代会述职', 'annual_report'),
  ('household_type', '独居老人', 'elderly_alone'), ('household_type', '空巢老人', 'elderly_alone'),
  ('household_type', '老年人', 'elderly'), ('household_type', '老人', 'elderly'),
  ('household_type', '病患', 'sick'), ('household_type', '重病', 'sick'), ('household_type', '残疾人', 'disabled'),
  ('household_type', '留守儿童', 'left_behind_child'), ('household_type', '其他', 'other'),
  ('publicity_kind', '安全宣传"七进"', 'seven_into'), ('publicity_kind', '安全宣传“七进”', 'seven_into'),
  ('publicity_kind', '七进', 'seven_into'), ('publicity_kind', '安全宣传七进', 'seven_into'),
  ('publicity_kind', '安全生产月', 'safety_month'), ('publicity_kind', '消防安全月', 'fire_month'),
  ('publicity_kind', '119消防月', 'fire_month'), ('publicity_kind', '交通安全日', 'traffic_day'),
  ('publicity_kind', '122交通安全日', 'traffic_day'), ('publicity_kind', '安康杯竞赛', 'ankang_cup'),
  ('publicity_kind', '安康杯', 'ankang_cup'), ('publicity_kind', '青年安全示范岗', 'youth_post'),
  ('publicity_kind', '普法宣传', 'law'), ('publicity_kind', '法治宣传', 'law'), ('publicity_kind', '媒体专栏', 'media'),
  ('publicity_kind', '专题专栏', 'media'), ('publicity_kind', '其他', 'other'),
  ('task_status', '未开始', 'not_started'), ('task_status', '推进中', 'in_progress'),
  ('task_status', '进行中', 'in_progress'), ('task_status', '正在推进', 'in_progress'),
  ('task_status', '已完成', 'done'), ('task_status', '完成', 'done');
INSERT INTO code_alias SELECT DISTINCT domain, code, code FROM code_alias
WHERE domain IN ('training_role', 'training_type', 'tipoff_channel', 'head_duty', 'household_type', 'publicity_kind',
                 'task_status');
