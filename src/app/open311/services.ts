import { CONCEPTS } from "../../domain/classify/vocabulary.js";
import { DEPARTMENTS, SECTORS, type SectorInfo } from "../../domain/sectors.js";

/** One Open311 service: a sector (行业领域). */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  /**
   * "realtime": a POST stores the tip in the same request and answers with its id (no token step), so
   * the spec's realtime type is the true one; batch and blackbox describe servers that cannot do that.
   */
  type: "realtime";
  keywords: string;
  group: string;
}

export type Open311Lang = "zh-CN" | "en";

/** Words the router reads as typical of a sector, so clients can offer search. */
function keywordsOf(sector: SectorInfo, lang: Open311Lang): string {
  const chinese = /[\u4e00-\u9fff]/;
  const words = CONCEPTS.filter((c) => (c.weights[sector.code] ?? 0) >= 3)
    .map((c) => c.terms.find((t) => (lang === "en" ? !chinese.test(t) : chinese.test(t))))
    .filter((t): t is string => Boolean(t))
    .map((t) => t.replace(/^=/, ""));
  return [...new Set(words)].slice(0, 8).join(",");
}

export function open311Services(lang: Open311Lang): Open311Service[] {
  return SECTORS.map((s) => {
    const dept = DEPARTMENTS[s.department];
    const name = lang === "en" ? s.en : s.zh;
    const group = lang === "en" ? dept.en : dept.zh;
    return {
      service_code: s.code,
      service_name: name,
      description:
        lang === "en"
          ? `Work-safety hazards and violations: ${s.en}. Supervised by the ${dept.en} of the place.`
          : `安全生产隐患和违法违规行为：${s.zh}。由所在地${dept.zh}主管。`,
      metadata: true,
      type: "realtime",
      keywords: keywordsOf(s, lang),
      group,
    };
  });
}

export interface Open311Attribute {
  variable: true;
  code: string;
  datatype: "string" | "singlevaluelist";
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

/** The questions every service asks beyond the spec's standard fields: the same for every sector. */
export function open311Attributes(lang: Open311Lang): Open311Attribute[] {
  const en = lang === "en";
  const yesNo = [
    { key: "true", name: en ? "Yes" : "是" },
    { key: "false", name: en ? "No" : "否" },
  ];
  return [
    {
      variable: true,
      code: "urgent",
      datatype: "singlevaluelist",
      required: false,
      datatype_description: null,
      order: 1,
      description: en ? "Is someone in immediate danger (people working beside the hazard now)?" : "是否有人正处于紧迫危险之中（现场仍在作业）？",
      values: yesNo,
    },
    {
      variable: true,
      code: "enterprise",
      datatype: "string",
      required: false,
      datatype_description: en ? "Name or 18-character unified social credit code, up to 200 characters" : "名称或18位统一社会信用代码，不超过200字",
      order: 2,
      description: en ? "The enterprise reported" : "被举报的生产经营单位",
    },
    {
      variable: true,
      code: "consent",
      datatype: "singlevaluelist",
      required: false,
      datatype_description: null,
      order: 3,
      description: en
        ? "May staff see the contact (email or phone) you give? Otherwise it is kept encrypted and used only to reach you."
        : "是否同意工作人员查看您留下的联系方式（邮箱或电话）？否则加密保存，仅用于联系您。",
      values: yesNo,
    },
    {
      variable: true,
      code: "publish",
      datatype: "singlevaluelist",
      required: false,
      datatype_description: null,
      order: 4,
      description: en
        ? "May the tracking code be published as this request's id? Otherwise an opaque id is shown. The text and you are never published."
        : "是否同意公开查询码作为本请求的编号？否则公开一个不可逆的编号。举报内容和您的身份从不公开。",
      values: yesNo,
    },
  ];
}
