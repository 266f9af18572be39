#include "syntax/keywords.hpp"

namespace luohu::syntax {

const std::vector<Keyword>& keywords() {
  using C = KeywordContext;
  using K = KeywordId;
  static const std::vector<Keyword> table = {
      {K::city, "city", "城市", C::top, "政策所适用的城市，以6位行政区划代码标识（如 330100）；城市规模与行政级别由城市登记表决定。",
       "The city the policy is for, by its 6-digit administrative division code (e.g. 330100); its tier and level "
       "come from the city registry."},
      {K::title, "title", "标题", C::top, "政策文件标题。", "The policy document's title."},
      {K::document, "document", "文号", C::top, "政策文件的文号，如“杭政办〔2019〕1号”。", "The document number, e.g. 杭政办〔2019〕1号."},
      {K::effective, "effective", "施行日期", C::top, "施行日期，如 2019-07-01 或 2019年7月1日。",
       "The effective date, e.g. 2019-07-01 or 2019年7月1日."},
      {K::zone, "zone", "区域", C::top, "声明一个区域（主城区、郊区、新区或具名区域）；渠道中列出其适用区域。",
       "Declares a zone (main urban, suburb, new area or a named district); in a channel, the zones it applies to."},
      {K::import, "import", "导入", C::top, "导入另一政策文件（如省级基线）。", "Imports another policy file (e.g. a provincial baseline)."},
      {K::rural_rights_exit, "rural_rights_exit", "农村权益退出", C::top, "进城落户农民“三权”自愿有偿退出的范围（任务21）。",
       "The scope of voluntary paid exit of settlers' rural rights (task 21)."},
      {K::channel, "channel", "渠道", C::top, "一条落户渠道：对象、区域、条件、随迁和指标。",
       "A settlement channel: its target groups, zones, conditions, following family and quota."},
      {K::points, "points", "积分", C::top, "积分落户办法：因素、权重、分值线与指标（任务8）。",
       "A points scheme: factors, weights, threshold and quota (task 8)."},
      {K::residence_permit, "residence_permit", "居住证", C::top, "居住证申领条件（任务32–34）。",
       "Residence-permit eligibility (tasks 32–34)."},
      {K::services, "services", "公共服务", C::top, "落户人员享有的公共服务及其待遇（任务22–31）。",
       "Public services for settlers and their treatment (tasks 22–31)."},
      {K::source, "source", "来源", C::top,
       "政策所依据的原文文本（相对于本文件的路径，如 “../sources/beijing/jingzhengbanfa-2016-39.txt”）；可写多条。",
       "A source text the policy models (a path relative to this file, e.g. \"../sources/beijing/x.txt\"); repeatable."},
      {K::verification, "verification", "核实", C::top, "核实程度：全文、官方指南、二手报道、省级文件、国家底线、仅标题。",
       "How far the policy was verified: full_text, official_guide, secondary_report, provincial_text, "
       "national_floor or title_only."},
      {K::targets, "targets", "对象", C::channel, "渠道服务的人群，如 高校毕业生、技术工人。",
       "The groups a channel serves, e.g. college_graduate, skilled_worker."},
      {K::zones, "zones", "区域", C::channel, "渠道适用的区域；省略则适用全市。", "The zones a channel applies to; all if omitted."},
      {K::conditions, "conditions", "条件", C::channel, "落户条件，每条一句，如“社会保险 >= 3 年;”。",
       "The conditions, one per clause, e.g. 'social_insurance >= 3 years;'."},
      {K::family, "family", "随迁", C::channel, "可随迁的家庭成员：配偶、未成年子女、父母。",
       "Family members who may follow: spouse, minor_children, parents."},
      {K::quota, "quota", "指标", C::channel, "年度落户指标（人）；可加“上年 N”记上年指标。",
       "The annual quota (persons); 'previous N' records last year's."},
      {K::quote, "quote", "原文", C::channel,
       "所建模的原文句子，须逐字见于来源文本：单独一句时为所在渠道或块的原文，写在语句或条件末尾时为该句的原文，"
       "如“社会保险 >= 7 年 原文 “在京连续缴纳社会保险7年及以上”;”。",
       "The source sentence modelled, verbatim from a source text: on its own, for the enclosing channel or block; "
       "after a statement or clause, for that line (e.g. 'social_insurance >= 7 years quote \"…\";')."},
      {K::any_of, "any_of", "任一", C::clause, "满足其中任一条件即可。", "Any one of the enclosed conditions suffices."},
      {K::factor, "factor", "因素", C::points, "积分因素及其权重，如“因素 社会保险 权重 3;”。",
       "A points factor and its weight, e.g. 'factor social_insurance weight 3;'."},
      {K::threshold, "threshold", "分值线", C::points, "积分落户的分值线。", "The score needed to settle."},
  };
  return table;
}

const Keyword* find_keyword(std::string_view spelling) {
  for (const auto& k : keywords()) {
    if (k.id == spelling || k.zh == spelling) return &k;
  }
  return nullptr;
}

KeywordId keyword_id(std::string_view spelling) {
  const Keyword* k = find_keyword(spelling);
  return k ? k->key : KeywordId::none;
}

const Keyword& keyword(KeywordId id) {
  static const std::vector<const Keyword*> by_id = [] {
    std::vector<const Keyword*> out(static_cast<std::size_t>(KeywordId::threshold) + 1, nullptr);
    for (const auto& k : keywords()) out[static_cast<std::size_t>(k.key)] = &k;
    return out;
  }();
  return *by_id.at(static_cast<std::size_t>(id));
}

namespace {
std::vector<std::string> spellings(KeywordContext context) {
  std::vector<std::string> out;
  for (const auto& k : keywords()) {
    if (k.context == context) {
      out.push_back(k.id);
      out.push_back(k.zh);
    }
  }
  return out;
}
}  // namespace

const std::vector<std::string>& top_level_keyword_spellings() {
  static const auto list = spellings(KeywordContext::top);
  return list;
}

const std::vector<std::string>& channel_keyword_spellings() {
  static const auto list = spellings(KeywordContext::channel);
  return list;
}

}  // namespace luohu::syntax
