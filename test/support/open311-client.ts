/**
 * A small Open311 GeoReport v2 client written from the specification (wiki.open311.org/GeoReport_v2 and
 * wiki.open311.org/Service_Discovery), not from jubao's code: it knows the spec's resources, their
 * format extensions, the XML roots and element names, the fields each document carries and their
 * allowed values, and nothing of how jubao produces them. It parses both formats into one generic
 * shape, so a test can ask that the JSON and the XML of a resource say the same thing.
 */

export type Format = "json" | "xml";

/** Field lists as the specification's tables give them. */
export const SPEC = {
  discovery: ["changeset", "contact", "key_service", "endpoints"],
  endpoint: ["specification", "url", "changeset", "type", "formats"],
  service: ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"],
  serviceTypes: ["realtime", "batch", "blackbox"],
  attribute: ["variable", "code", "datatype", "required", "datatype_description", "order", "description"],
  datatypes: ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"],
  request: [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
  ],
  postResponse: ["service_request_id", "service_notice", "account_id"],
  error: ["code", "description"],
  /** Root element of each XML document, and the element of each list's entries. */
  roots: { discovery: "discovery", services: "services", definition: "service_definition", requests: "service_requests", errors: "errors" },
  lists: {
    services: "service",
    service_requests: "request",
    attributes: "attribute",
    values: "value",
    endpoints: "endpoint",
    formats: "format",
    errors: "error",
  },
} as const;

/** "Timezone information (either Z meaning UTC, or an HH:MM offset from UTC) must be included." */
export const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** A parsed document: strings at the leaves (XML has no types), arrays for the spec's lists. */
export type Generic = string | Generic[] | { [k: string]: Generic };

export interface Open311Response {
  status: number;
  contentType: string;
  raw: string;
  /** The root element's name (XML) or null (JSON). */
  root: string | null;
  body: Generic;
  headers: Headers;
}

export class Open311Client {
  constructor(
    readonly endpoint: string,
    readonly fetcher: (url: string, init?: RequestInit) => Promise<Response> = fetch,
  ) {}

  discovery(format: Format) {
    return this.get(`discovery.${format}`, {});
  }
  services(format: Format, params: Record<string, string> = {}) {
    return this.get(`services.${format}`, params);
  }
  serviceDefinition(code: string, format: Format, params: Record<string, string> = {}) {
    return this.get(`services/${encodeURIComponent(code)}.${format}`, params);
  }
  requests(format: Format, params: Record<string, string> = {}) {
    return this.get(`requests.${format}`, params);
  }
  request(id: string, format: Format, params: Record<string, string> = {}) {
    return this.get(`requests/${encodeURIComponent(id)}.${format}`, params);
  }
  /** POST Service Request: the spec's parameters, form-encoded (attributes as attribute[code]=value). */
  postRequest(format: Format, params: Record<string, string>) {
    return this.send(`requests.${format}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(params).toString(),
    });
  }

  private get(resource: string, params: Record<string, string>) {
    const qs = new URLSearchParams(params).toString();
    return this.send(qs ? `${resource}?${qs}` : resource, {});
  }

  private async send(resource: string, init: RequestInit): Promise<Open311Response> {
    const res = await this.fetcher(`${this.endpoint.replace(/\/$/, "")}/${resource}`, init);
    const raw = await res.text();
    const contentType = res.headers.get("content-type") ?? "";
    const isXml = resource.split("?")[0]!.endsWith(".xml");
    if (isXml) {
      const doc = parseXml(raw);
      return { status: res.status, contentType, raw, root: doc.name, body: toGeneric(doc), headers: res.headers };
    }
    return { status: res.status, contentType, raw, root: null, body: jsonToGeneric(JSON.parse(raw)), headers: res.headers };
  }
}

/** JSON values as the XML would carry them: numbers, booleans and null become strings ("" for null). */
export function jsonToGeneric(v: unknown): Generic {
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.map(jsonToGeneric);
  if (typeof v === "object") return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, jsonToGeneric(x)]));
  return String(v);
}

interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

/** Enough XML for the spec's documents: a declaration, elements without attributes, text, the five entities. */
export function parseXml(xml: string): XmlNode {
  const decl = /^<\?xml\s+version="1\.0"\s+encoding="UTF-8"\s*\?>\s*/i.exec(xml);
  if (!decl) throw new Error('no XML declaration with encoding="UTF-8" (the spec requires it)');
  let at = decl[0].length;
  const stack: XmlNode[] = [];
  let root: XmlNode | null = null;
  const tag = /<(\/?)([A-Za-z_][\w.-]*)\s*(\/?)>/y;
  while (at < xml.length) {
    if (xml[at] === "<") {
      tag.lastIndex = at;
      const m = tag.exec(xml);
      if (!m) throw new Error(`malformed tag at ${at}: ${xml.slice(at, at + 40)}`);
      at = tag.lastIndex;
      const [, close, name, selfClose] = m;
      if (close) {
        const open = stack.pop();
        if (!open || open.name !== name) throw new Error(`</${name}> closes ${open?.name ?? "nothing"}`);
        if (!stack.length) root = open;
      } else {
        const node: XmlNode = { name: name!, children: [], text: "" };
        stack.at(-1)?.children.push(node);
        if (selfClose) {
          if (!stack.length) root = node;
        } else stack.push(node);
      }
    } else {
      const next = xml.indexOf("<", at);
      const text = xml.slice(at, next < 0 ? xml.length : next);
      at = next < 0 ? xml.length : next;
      if (stack.length) stack.at(-1)!.text += decodeEntities(text);
      else if (text.trim()) throw new Error("text outside the root element");
    }
  }
  if (stack.length || !root) throw new Error("unclosed elements");
  return root;
}

function decodeEntities(s: string): string {
  if (/&(?!(amp|lt|gt|quot|apos);)/.test(s)) throw new Error(`unknown entity in ${s.slice(0, 40)}`);
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** A list element (the spec's plurals) becomes an array of its entries; any other element an object or its text. */
function toGeneric(node: XmlNode): Generic {
  const entry = (SPEC.lists as Record<string, string>)[node.name];
  if (entry) {
    for (const c of node.children) if (c.name !== entry) throw new Error(`<${node.name}> holds <${c.name}>, expected <${entry}>`);
    return node.children.map(toGeneric);
  }
  if (!node.children.length) return node.text;
  const out: Record<string, Generic> = {};
  for (const c of node.children) {
    if (c.name in out) throw new Error(`<${node.name}> repeats <${c.name}>`);
    out[c.name] = toGeneric(c);
  }
  return out;
}

/** The JSON of a document shaped as its XML: the XML root wraps nothing more (services.xml's <services> is the JSON array). */
export function asList(body: Generic): Record<string, Generic>[] {
  if (!Array.isArray(body)) throw new Error(`expected a list, got ${JSON.stringify(body).slice(0, 80)}`);
  return body as Record<string, Generic>[];
}

export function asObject(body: Generic): Record<string, Generic> {
  if (typeof body !== "object" || Array.isArray(body)) throw new Error(`expected an object, got ${JSON.stringify(body).slice(0, 80)}`);
  return body;
}

/** Errors per the spec: a list of {code, description}, each code the HTTP status. */
export function errorsOf(res: Open311Response): { code: string; description: string }[] {
  if (res.root !== null && res.root !== SPEC.roots.errors) throw new Error(`error document rooted at <${res.root}>`);
  return asList(res.body).map((e) => {
    const keys = Object.keys(e).sort();
    if (keys.join() !== [...SPEC.error].sort().join()) throw new Error(`error entry has fields ${keys.join()}`);
    return { code: e.code as string, description: e.description as string };
  });
}

export function expectedContentType(format: Format): RegExp {
  return format === "xml" ? /^(text|application)\/xml\b/ : /^application\/json\b/;
}
