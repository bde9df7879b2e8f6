/** Where a tip came in: the reporter's own channels, then the ones staff enter for them (12350 or the office line, a visit, a letter). */
export const TIP_CHANNELS = ["telegram", "web", "api", "sms", "phone", "visit", "letter"] as const;
export type TipChannel = (typeof TIP_CHANNELS)[number];

export const STAFF_CHANNELS = ["phone", "visit", "letter"] as const satisfies readonly TipChannel[];
export type StaffChannel = (typeof STAFF_CHANNELS)[number];

/**
 * How a tip taken by staff gets its receipt and answer: an SMS to a mobile number the reporter gave, or
 * paper (a printed receipt handed over or posted, and a printed answer letter).
 */
export const REPLY_WAYS = ["sms", "post"] as const;
export type ReplyWay = (typeof REPLY_WAYS)[number];
