#include "model/vocabulary.hpp"

#include <map>
#include <unordered_map>

namespace luohu {
namespace {

using S = ConditionShape;

const std::vector<Term> kGroups = {
    {"rural_student", "农村升学学生", {"农村学生升学人员"}, "rural students entering higher education"},
    {"army_entrant", "参军入伍人员", {"参军人员"}, "rural army entrants"},
    {"long_term_migrant", "长期就业居住人员", {"在城镇就业居住5年以上人员"}, "migrants employed and resident 5+ years"},
    {"family_migrant", "举家迁徙人员", {"举家迁徙农业转移人口"}, "migrants who moved with their whole family"},
    {"new_generation_migrant", "新生代农民工", {}, "new-generation migrant workers"},
    {"college_graduate", "高校毕业生", {"大学毕业生"}, "college graduates"},
    {"skilled_worker", "技术工人", {}, "skilled workers"},
    {"vocational_graduate", "职业院校毕业生", {}, "vocational college graduates"},
    {"returned_student", "留学归国人员", {"留学回国人员"}, "returned overseas students"},
    {"rural_college_student", "农村籍高校学生", {}, "rural-origin college students"},
    {"ordinary_worker", "普通劳动者", {}, "ordinary workers"},
    {"migrant", "农业转移人口", {}, "agricultural migrants"},
    {"resident", "常住人口", {"所有人"}, "all residents"},
    {"talent", "人才", {"高层次人才"}, "high-level talent"},
};

const std::vector<Term> kConditions = {
    {"employment", "合法稳定就业", {"稳定就业", "就业"}, "legal stable employment", 0, S::optional_years},
    {"residence", "合法稳定住所", {"稳定住所", "住所"}, "legal stable residence", 0, S::rental},
    {"social_insurance", "社会保险", {"社保", "城镇社会保险"}, "years of urban social insurance", 0, S::years},
    {"residence_years", "连续居住", {"居住年限", "居住"}, "years of continuous residence", 0, S::years},
    {"residence_permit_years", "持有居住证", {"居住证年限"}, "years holding a residence permit", 0, S::years},
    {"education", "学历", {}, "education", 0, S::education},
    {"age", "年龄", {}, "age", 0, S::age},
    {"skill", "技能等级", {"职业技能等级"}, "skill level", 0, S::skill},
    {"house_purchase", "购买房屋", {"购房"}, "house purchase", 0, S::area},
    {"investment", "投资", {}, "investment", 0, S::amount},
    {"tax_payment", "纳税", {}, "tax payment", 0, S::amount},
    {"points", "积分", {"积分分值"}, "a points score", 0, S::score},
    {"give_up_rural_rights", "放弃农村权益", {"退出农村权益"}, "giving up rural rights", 0, S::rights},
    {"study", "连续就读", {"就读"}, "continuous study", 0, S::none},
    {"no_criminal_record", "无犯罪记录", {"遵纪守法"}, "no criminal record", 0, S::none},
};

const std::vector<Term> kEducation = {
    {"junior_secondary", "初中", {}, "junior secondary school", 1},
    {"senior_secondary", "高中", {}, "senior secondary school", 2},
    {"secondary_vocational", "中专", {"中职"}, "secondary vocational school", 2},
    {"associate", "大专", {"专科"}, "associate degree", 3},
    {"bachelor", "本科", {}, "bachelor's degree", 4},
    {"master", "硕士", {"硕士研究生"}, "master's degree", 5},
    {"doctorate", "博士", {"博士研究生"}, "doctorate", 6},
};

const std::vector<Term> kSkill = {
    {"junior", "初级工", {}, "junior worker", 1},
    {"intermediate", "中级工", {}, "intermediate worker", 2},
    {"senior", "高级工", {}, "senior worker", 3},
    {"technician", "技师", {}, "technician", 4},
    {"senior_technician", "高级技师", {}, "senior technician", 5},
};

const std::vector<Term> kFamily = {
    {"spouse", "配偶", {}, "spouse"},
    {"minor_children", "未成年子女", {}, "minor children"},
    {"children", "子女", {}, "children"},
    {"parents", "父母", {}, "parents"},
};

const std::vector<Term> kServices = {
    {"housing_security", "住房保障", {"基本住房保障"}, "housing security", 22},
    {"rental_subsidy", "租赁补贴", {"住房租赁补贴"}, "rental subsidy", 23},
    {"housing_fund", "住房公积金", {"公积金"}, "housing provident fund", 24},
    {"medical_insurance", "医疗保险", {"基本医疗保险", "医保"}, "medical insurance", 26},
    {"pension", "养老保险", {"基本养老保险"}, "pension insurance", 28},
    {"minimum_living", "最低生活保障", {"低保"}, "minimum living guarantee", 29},
    {"schooling", "子女教育", {"子女入学", "随迁子女教育"}, "children's schooling", 30},
};

const std::vector<Term> kTreatments = {
    {"equal", "同等", {"同等待遇", "同城同待遇", "享有"}, "equal treatment"},
    {"delayed", "延后", {"等待"}, "delayed"},
    {"denied", "不享有", {"不予享受"}, "denied"},
};

const std::vector<Term> kRights = {
    {"land_contract", "土地承包权", {"土地承包经营权"}, "land contract rights"},
    {"homestead", "宅基地使用权", {}, "homestead use rights"},
    {"collective_income", "集体收益分配权", {}, "collective income distribution rights"},
};

const std::vector<Term> kZoneKinds = {
    {"main_urban", "主城区", {}, "main urban district"},
    {"suburb", "郊区", {}, "suburb"},
    {"new_area", "新区", {}, "new area"},
    {"other", "其他", {}, "other district"},
};

const std::vector<Term> kExitScopes = {
    {"within_collective", "本集体经济组织", {"本集体经济组织内部", "集体内部"}, "within the collective economic organisation"},
    {"unrestricted", "不限", {"不限范围"}, "unrestricted"},
};

const std::vector<Term> kRental = {
    {"including_rental", "含租赁", {"包括租赁"}, "rental included"},
    {"excluding_rental", "不含租赁", {"不包括租赁"}, "rental excluded"},
};

const std::vector<Term> kFactors = {
    {"honours", "荣誉表彰", {"表彰奖励"}, "honours and awards"},
    {"innovation", "创新创业", {}, "innovation and entrepreneurship"},
    {"work_location", "职住区域", {}, "where one works and lives"},
};

// 《居住证暂行条例》(2015) Art. 12 lists the basic public services holders
// receive; Art. 13 the administrative conveniences (办事便利) task 32 names.
const std::vector<Term> kPermitServices = {
    {"compulsory_education", "义务教育", {"随迁子女义务教育"}, "compulsory education", 32},
    {"employment_services", "基本公共就业服务", {"公共就业服务", "就业服务"}, "basic public employment services", 32},
    {"public_health", "基本公共卫生服务", {"基本公共卫生服务和计划生育服务", "公共卫生服务", "计划生育服务"},
     "basic public health and family-planning services", 32},
    {"culture_sports", "公共文化体育服务", {"公共文化服务"}, "public culture and sports services", 32},
    {"legal_aid", "法律援助", {"法律援助和其他法律服务", "法律服务"}, "legal aid and other legal services", 32},
    {"conveniences", "办事便利", {"证照办理便利"}, "administrative conveniences (Art. 13)", 32},
};

const std::vector<Term> kTiers = {
    {"supercity", "超大城市", {}, "supercity"},
    {"megacity", "特大城市", {}, "megacity"},
    {"large_i", "I型大城市", {}, "type-I large city"},
    {"large_ii", "II型大城市", {}, "type-II large city"},
    {"medium", "中等城市", {}, "medium city"},
    {"small_i", "I型小城市", {}, "type-I small city"},
    {"small_ii", "II型小城市", {}, "type-II small city"},
};

const std::vector<Term> kLevels = {
    {"municipality", "直辖市", {}, "municipality"},
    {"sub_provincial", "副省级市", {}, "sub-provincial city"},
    {"provincial_capital", "省会城市", {"省会"}, "provincial capital"},
    {"prefecture", "地级市", {}, "prefecture-level city"},
    {"county", "县级市", {}, "county-level city"},
    // Prefecture-level divisions that are not cities (the registry's seat names their city).
    {"prefecture_area", "地区", {}, "prefecture (地区, not a city)"},
    {"autonomous_prefecture", "自治州", {}, "autonomous prefecture (not a city)"},
    {"league", "盟", {}, "league (盟, not a city)"},
};

// 核实: how far the text a policy models was read (docs/language.md#provenance).
const std::vector<Term> kVerification = {
    {"full_text", "全文", {}, "full text read"},
    {"official_guide", "官方指南", {}, "official guide read"},
    {"secondary_report", "二手报道", {}, "secondary report of the conditions"},
    {"provincial_text", "省级文件", {}, "provincial text read"},
    {"national_floor", "国家底线", {}, "national floor the city must apply"},
    {"title_only", "仅标题", {}, "title only"},
};

}  // namespace

const std::vector<Term>& terms(Vocabulary v) {
  switch (v) {
    case Vocabulary::group: return kGroups;
    case Vocabulary::condition: return kConditions;
    case Vocabulary::education: return kEducation;
    case Vocabulary::skill: return kSkill;
    case Vocabulary::family: return kFamily;
    case Vocabulary::service: return kServices;
    case Vocabulary::treatment: return kTreatments;
    case Vocabulary::rural_right: return kRights;
    case Vocabulary::zone_kind: return kZoneKinds;
    case Vocabulary::exit_scope: return kExitScopes;
    case Vocabulary::rental: return kRental;
    case Vocabulary::verification: return kVerification;
    case Vocabulary::factor: return kFactors;
    case Vocabulary::permit_service: return kPermitServices;
    case Vocabulary::tier: return kTiers;
    case Vocabulary::level: return kLevels;
  }
  return kGroups;
}

const Term* find_term(Vocabulary v, std::string_view spelling) {
  // Each vocabulary's spellings indexed once (the model builder looks up every
  // word); the first term that spells it wins, as in a scan of terms(v).
  using Index = std::unordered_map<std::string_view, const Term*>;
  static const auto indexes = [] {
    std::map<Vocabulary, Index> out;
    for (int k = 0; k <= static_cast<int>(Vocabulary::level)  /* the last */; ++k) {
      auto& index = out[static_cast<Vocabulary>(k)];
      for (const auto& t : terms(static_cast<Vocabulary>(k))) {
        index.emplace(t.id, &t);
        index.emplace(t.zh, &t);
        for (const auto& a : t.aliases) index.emplace(a, &t);
      }
    }
    return out;
  }();
  const Index& index = indexes.at(v);
  auto it = index.find(spelling);
  return it == index.end() ? nullptr : it->second;
}

bool is_time_valued(ConditionShape shape) {
  return shape == ConditionShape::years || shape == ConditionShape::optional_years;
}

std::optional<Vocabulary> argument_vocabulary(ConditionShape shape) {
  switch (shape) {
    case ConditionShape::education: return Vocabulary::education;
    case ConditionShape::skill: return Vocabulary::skill;
    case ConditionShape::rental: return Vocabulary::rental;
    case ConditionShape::rights: return Vocabulary::rural_right;
    default: return std::nullopt;
  }
}

ConditionShape condition_shape(std::string_view kind) {
  const Term* t = find_term(Vocabulary::condition, kind);
  return t && t->id == kind ? t->shape : ConditionShape::none;
}

bool is_time_valued(std::string_view condition_kind) { return is_time_valued(condition_shape(condition_kind)); }

std::vector<std::string> spellings(Vocabulary v) {
  std::vector<std::string> out;
  for (const auto& t : terms(v)) {
    out.push_back(t.zh);
    out.push_back(t.id);
    out.insert(out.end(), t.aliases.begin(), t.aliases.end());
  }
  return out;
}

const char* vocabulary_name(Vocabulary v, Lang lang) {
  bool zh = lang == Lang::zh;
  switch (v) {
    case Vocabulary::group: return zh ? "对象人群" : "target group";
    case Vocabulary::condition: return zh ? "落户条件" : "condition";
    case Vocabulary::education: return zh ? "学历" : "education level";
    case Vocabulary::skill: return zh ? "技能等级" : "skill level";
    case Vocabulary::family: return zh ? "随迁家属" : "family member";
    case Vocabulary::service: return zh ? "公共服务" : "public service";
    case Vocabulary::treatment: return zh ? "待遇" : "treatment";
    case Vocabulary::rural_right: return zh ? "农村权益" : "rural right";
    case Vocabulary::zone_kind: return zh ? "区域类型" : "zone kind";
    case Vocabulary::exit_scope: return zh ? "退出范围" : "exit scope";
    case Vocabulary::rental: return zh ? "租赁" : "rental";
    case Vocabulary::verification: return zh ? "核实程度" : "verification level";
    case Vocabulary::factor: return zh ? "积分因素" : "points factor";
    case Vocabulary::permit_service: return zh ? "居住证持有人基本公共服务" : "residence-permit holders' service";
    case Vocabulary::tier: return zh ? "城市规模" : "city tier";
    case Vocabulary::level: return zh ? "行政级别" : "administrative level";
  }
  return "";
}

std::string label(std::string_view id, Lang lang) {
  // A band of tiers ("small_i|small_ii", the registry's tier_key) reads as its tiers joined by "or".
  if (auto bar = id.find('|'); bar != std::string_view::npos)
    return label(id.substr(0, bar), lang) + (lang == Lang::zh ? "或" : " or ") + label(id.substr(bar + 1), lang);
  static const auto index = [] {
    std::unordered_map<std::string_view, const Term*> m;
    for (int v = 0; v <= static_cast<int>(Vocabulary::level); ++v) {
      for (const auto& t : terms(static_cast<Vocabulary>(v))) m.emplace(t.id, &t);
    }
    return m;
  }();
  auto it = index.find(id);
  if (it != index.end()) return lang == Lang::zh ? it->second->zh : it->second->label_en;
  // The residence permit is a block, not a term; the coverage view and the silence note name it as a provision.
  if (id == "residence_permit") return lang == Lang::zh ? "居住证办法" : "residence-permit rules";
  return std::string(id);
}

}  // namespace luohu
