import { z } from "zod";

/**
 * Campaign templates: the two seed documents as data. Every obligation and date they state is here;
 * campaigns started from a template turn these into dated duties per assignee unit.
 *
 * Assignees are described relative to the issuing jurisdiction, so one template serves any
 * jurisdiction of the same shape: `level: "issuer"` is the issuing jurisdiction itself, `"city"` /
 * `"county"` / `"township"` are its descendants at that level; `kind` picks the unit kind.
 */
export const assigneeSchema = z.object({
  level: z.enum(["issuer", "city", "county", "township"]),
  kind: z.enum(["committee", "department", "township"]),
});

const dueSchema = z.union([
  z.object({ on: z.string().regex(/^\d{2}-\d{2}$/) }), // MM-DD in the campaign's year
  z.object({ every: z.enum(["month", "quarter", "year"]), day: z.enum(["last"]).default("last") }),
]);

export const obligationTemplateSchema = z.object({
  code: z.string().regex(/^[a-z0-9_]+$/),
  kind: z.enum(["deliverable", "recurring"]),
  titleZh: z.string(),
  titleEn: z.string(),
  /** The sentence of the document that creates the duty, so staff can check it. */
  basis: z.string(),
  due: dueSchema,
  assignees: z.array(assigneeSchema).min(1),
});

export const figuresTemplateSchema = z.object({
  /** First and last month reported, MM. */
  fromMonth: z.string().regex(/^\d{2}$/),
  toMonth: z.string().regex(/^\d{2}$/),
  /** The day of the following month the form for a month is due; campaigns may override it. */
  dueDay: z.number().int().min(1).max(28),
  dueDayNote: z.string(),
  assignees: z.array(assigneeSchema).min(1),
  submitTo: z.string(),
});

export const campaignTemplateSchema = z.object({
  code: z.string().regex(/^[a-z0-9-]+$/),
  nameZh: z.string(),
  nameEn: z.string(),
  source: z.string(),
  issuerLevel: z.enum(["province", "city", "county"]),
  defaultIssuer: z.string().regex(/^\d{6}$/),
  year: z.number().int(),
  startsOn: z.string().regex(/^\d{2}-\d{2}$/),
  endsOn: z.string().regex(/^\d{2}-\d{2}$/),
  obligations: z.array(obligationTemplateSchema),
  figures: figuresTemplateSchema.optional(),
});

export type CampaignTemplate = z.infer<typeof campaignTemplateSchema>;
export type ObligationTemplate = z.infer<typeof obligationTemplateSchema>;
export type Assignee = z.infer<typeof assigneeSchema>;

const cityCommittees = { level: "city", kind: "committee" } as const;
const countyCommittees = { level: "county", kind: "committee" } as const;
const issuerDepartments = { level: "issuer", kind: "department" } as const;

export const GUANGXI_2020: CampaignTemplate = campaignTemplateSchema.parse({
  code: "guangxi-2020",
  nameZh: "安全生产“强监管严执法年”专项行动",
  nameEn: "2020 'Strict supervision, strict enforcement' campaign",
  source: "桂安委〔2020〕1号 广西壮族自治区安全生产委员会关于开展安全生产“强监管严执法年”专项行动的通知（2020-01-18）",
  issuerLevel: "province",
  defaultIssuer: "450000",
  year: 2020,
  startsOn: "01-01",
  endsOn: "12-31",
  obligations: [
    {
      code: "deployment_report",
      kind: "deliverable",
      titleZh: "专项行动部署安排情况",
      titleEn: "Deployment arrangements",
      basis: "请各市、自治区各有关部门分别于2020年2月10日……前，将专项行动的部署安排情况……报送自治区安委会办公室",
      due: { on: "02-10" },
      assignees: [cityCommittees, issuerDepartments],
    },
    {
      code: "half_year_summary",
      kind: "deliverable",
      titleZh: "专项行动半年工作总结",
      titleEn: "Half-year summary",
      basis: "……6月30日……前，分别将……半年工作总结……报送自治区安委会办公室",
      due: { on: "06-30" },
      assignees: [cityCommittees, issuerDepartments],
    },
    {
      code: "annual_summary",
      kind: "deliverable",
      titleZh: "专项行动全年工作总结",
      titleEn: "Annual summary",
      basis: "……12月20日前，分别将……全年工作总结报送自治区安委会办公室",
      due: { on: "12-20" },
      assignees: [cityCommittees, issuerDepartments],
    },
    {
      code: "quarterly_exposure",
      kind: "recurring",
      titleZh: "集中曝光重大事故隐患和严重违法违规行为，公布联合惩戒和“黑名单”企业，公告关闭取缔企业，通报专项行动进展",
      titleEn: "Quarterly public exposure of major hazards, blacklist and closures; progress bulletin",
      basis:
        "各市、县（市、区）每季度至少要集中曝光一批重大事故隐患和严重违法违规行为，公布一批实施联合惩戒和“黑名单”管理企业，公告一批依法关闭取缔的……企业，通报一次专项行动进展情况",
      due: { every: "quarter", day: "last" },
      assignees: [cityCommittees, countyCommittees],
    },
    {
      code: "monthly_special_inspection",
      kind: "recurring",
      titleZh: "组织专项执法检查或检查督查，报送问题隐患清单",
      titleEn: "Monthly special inspection and hazard list",
      basis: "自治区各有关部门每个月至少要组织一次专项执法检查或检查督查，向自治区安委会办公室报送一次检查发现的问题隐患清单",
      due: { every: "month", day: "last" },
      assignees: [issuerDepartments],
    },
    {
      code: "yearly_training",
      kind: "recurring",
      titleZh: "对下级执法人员培训",
      titleEn: "Yearly training of lower-tier enforcement officers",
      basis: "原则上自治区、设区市两级应对下级执法人员每年至少培训一次",
      due: { every: "year", day: "last" },
      assignees: [issuerDepartments, { level: "city", kind: "department" }],
    },
  ],
});

const townships = { level: "township", kind: "township" } as const;

export const HENGNAN_2018: CampaignTemplate = campaignTemplateSchema.parse({
  code: "hengnan-2018",
  nameZh: "安全监管“强执法防事故”行动",
  nameEn: "2018 'Strong enforcement, accident prevention' action",
  source: "衡南县安全生产委员会《2018年衡南县安全监管“强执法防事故”行动方案》（2018-06-06）",
  issuerLevel: "county",
  defaultIssuer: "430422",
  year: 2018,
  startsOn: "06-06",
  endsOn: "12-31",
  obligations: [
    {
      code: "implementation_plan",
      kind: "deliverable",
      titleZh: "强执法防事故行动实施方案",
      titleEn: "Implementation plan",
      basis: "各乡镇和负有安全监管职责的部门要结合实际制定具体的……实施方案……实施方案6月15日前报县安委办",
      due: { on: "06-15" },
      assignees: [townships, issuerDepartments],
    },
    {
      code: "deployment",
      kind: "deliverable",
      titleZh: "动员部署（精神传达到每一家生产经营单位）",
      titleEn: "Mobilisation and deployment",
      basis: "动员部署阶段（6月20日前）……进行专题动员部署，精神要传达到每一家生产经营单位",
      due: { on: "06-20" },
      assignees: [townships, issuerDepartments],
    },
    {
      code: "summary",
      kind: "deliverable",
      titleZh: "强执法防事故行动总结",
      titleEn: "Campaign summary",
      basis: "总结提高阶段（12月1日~12月31日）各乡镇和负有安全监管职责的部门要认真做好……行动总结",
      due: { on: "12-31" },
      assignees: [townships, issuerDepartments],
    },
  ],
  figures: {
    fromMonth: "06",
    toMonth: "11",
    dueDay: 10,
    dueDayNote: "正文：每月5日前向县安委办报送月报表；附表注：每月10日前向县安委办报送（上月情况）。默认取附表的10日，发起行动时可改为5日。",
    assignees: [townships, issuerDepartments],
    submitTo: "县安委办",
  },
});

export const CAMPAIGN_TEMPLATES: readonly CampaignTemplate[] = [GUANGXI_2020, HENGNAN_2018];
