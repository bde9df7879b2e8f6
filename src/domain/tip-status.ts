/**
 * received → accepted | not_accepted → investigating → substantiated | partly | unsubstantiated → closed
 * (merged: folded into another). After the answer: closed → objected (the reporter's 异议) → under_review
 * (the committee one tier up, 复核) → closed again with the review's answer.
 */
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
  "objected",
  "under_review",
] as const;
export type TipStatus = (typeof TIP_STATUSES)[number];
