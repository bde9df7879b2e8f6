/** received → accepted | not_accepted → investigating → substantiated | partly | unsubstantiated → closed (merged: folded into another). */
export const TIP_STATUSES = [
  "received",
  "accepted",
  "not_accepted",
  "investigating",
  "substantiated",
  "partly_substantiated",
  "unsubstantiated",
  "closed",
  "merged",
] as const;
export type TipStatus = (typeof TIP_STATUSES)[number];
