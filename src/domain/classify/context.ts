import type { SectorCode } from "../sectors.js";

/**
 * Boundary rules of data/README.md that one word cannot decide: the same vehicle, gas or crane belongs
 * to a different sector depending on what else the tip mentions. A modifier fires when every listed
 * concept was found. A transfer moves part of one sector's score to another — the words are still
 * evidence, of a different sector in this context — and a shift adds or removes a fixed amount.
 * Scores still decide, so one rule cannot overturn a tip dominated by other evidence.
 */
export interface ContextModifier {
  why: string;
  when: string[];
  /** The modifier does not fire when any of these concepts was found. */
  unless?: string[];
  transfer?: { from: SectorCode; to: SectorCode; fraction: number }[];
  shift?: Partial<Record<SectorCode, number>>;
}

export const MODIFIERS: readonly ContextModifier[] = [
  {
    why: "A bus arranged by a travel agency (旅游包车, 三超一疲劳) is 文旅; a route coach stays 交通运输",
    when: ["travel_agency", "ctx_tour_bus"],
    transfer: [{ from: "transport", to: "culture_tourism", fraction: 0.8 }],
    shift: { culture_tourism: 3 },
  },
  {
    why: "Port cranes are 交通运输 (港口); only construction hoists and tower cranes are 建筑施工",
    when: ["port", "ctx_lifting"],
    transfer: [{ from: "construction", to: "transport", fraction: 0.8 }],
    shift: { transport: 2 },
  },
  {
    why: "Buying, selling, storing or carrying explosives, or blasting without a permit, is 民爆 even at a quarry, tunnel or fireworks workshop",
    when: ["explosives", "ctx_trade_verbs"],
    transfer: [
      { from: "non_coal_mine", to: "civil_explosives", fraction: 0.7 },
      { from: "construction", to: "civil_explosives", fraction: 0.5 },
      { from: "transport", to: "civil_explosives", fraction: 0.5 },
      { from: "fireworks", to: "civil_explosives", fraction: 0.5 },
    ],
    shift: { civil_explosives: 3 },
  },
  {
    why: "A tanker unloading at a petrol or gas station is the station's operation (hazardous chemicals), not road transport",
    when: ["ctx_station", "ctx_dg_vehicle"],
    transfer: [{ from: "transport", to: "hazardous_chemicals", fraction: 0.8 }],
    shift: { hazardous_chemicals: 1 },
  },
  {
    why: "Unpermitted blasting is 民爆 even at a quarry or tunnel (data/README.md)",
    when: ["blasting", "ctx_no_permit"],
    transfer: [
      { from: "non_coal_mine", to: "civil_explosives", fraction: 0.5 },
      { from: "construction", to: "civil_explosives", fraction: 0.5 },
    ],
    shift: { civil_explosives: 2 },
  },
  {
    why: "Explosives kept in a dormitory, shed or house instead of a licensed magazine are illegal storage (民爆), whatever the works",
    when: ["explosives", "ctx_storage"],
    transfer: [
      { from: "non_coal_mine", to: "civil_explosives", fraction: 0.5 },
      { from: "construction", to: "civil_explosives", fraction: 0.5 },
      { from: "fire_safety", to: "civil_explosives", fraction: 0.5 },
    ],
    shift: { civil_explosives: 2 },
  },
  {
    why: "Illegal sale, storage or carriage of fireworks is 烟花爆竹, even on a coach",
    when: ["fireworks", "ctx_trade_verbs"],
    transfer: [{ from: "transport", to: "fireworks", fraction: 0.5 }],
    shift: { fireworks: 2 },
  },
  {
    why: "Fireworks stored where people live is illegal storage of fireworks; the 三合一 aspect follows from it",
    when: ["fireworks", "three_in_one"],
    transfer: [{ from: "fire_safety", to: "fireworks", fraction: 0.6 }],
  },
  {
    why: "Piped or bottled gas in homes and restaurants is 城镇燃气, outside the ten sectors",
    when: ["town_gas", "ctx_household"],
    transfer: [{ from: "hazardous_chemicals", to: "other", fraction: 0.8 }],
    shift: { other: 2 },
  },
  {
    why: "Ammonia refrigeration in cold stores is 工贸 (涉氨制冷), not a chemical plant",
    when: ["ammonia", "ctx_refrigeration"],
    transfer: [{ from: "hazardous_chemicals", to: "industry_trade", fraction: 0.8 }],
    shift: { industry_trade: 2 },
  },
  {
    why: "煤气 at a blast furnace or smelter is metallurgical gas (工贸), not town gas or a coal mine",
    when: ["town_gas", "ctx_smelting"],
    transfer: [
      { from: "other", to: "industry_trade", fraction: 0.9 },
      { from: "coal_mine", to: "industry_trade", fraction: 0.5 },
    ],
    shift: { industry_trade: 2 },
  },
  {
    why: "Gas fired in a factory's kilns or boilers (陶瓷窑炉, 煤气发生炉) is industrial gas (工贸), not household town gas",
    when: ["town_gas", "ctx_kiln"],
    transfer: [{ from: "other", to: "industry_trade", fraction: 0.7 }],
  },
  {
    why: "A dangerous-goods vehicle on the road (fatigue, parking, rollover) is 交通运输",
    when: ["ctx_dg_vehicle", "ctx_vehicle_fault"],
    // At a petrol or gas station the tanker is the station's business (the modifier above).
    unless: ["ctx_station"],
    transfer: [{ from: "hazardous_chemicals", to: "transport", fraction: 0.7 }],
    shift: { transport: 2 },
  },
  {
    why: "People sleeping in a warehouse or workshop is 三合一, a 消防 matter",
    when: ["three_in_one", "ctx_sleeping_in_works"],
    transfer: [
      { from: "industry_trade", to: "fire_safety", fraction: 0.5 },
      { from: "transport", to: "fire_safety", fraction: 0.5 },
    ],
    shift: { fire_safety: 1 },
  },
  {
    why: "Rooms partitioned off in a warehouse or workshop for workers to live in are 三合一 too, whatever the business (物流园, 工厂)",
    when: ["living_in", "ctx_sleeping_in_works"],
    transfer: [
      { from: "industry_trade", to: "fire_safety", fraction: 0.5 },
      { from: "transport", to: "fire_safety", fraction: 0.5 },
    ],
    shift: { fire_safety: 1 },
  },
  {
    why: "Coal dust at a kiln (cement, brick, ceramics) comes from a coal mill (工贸), not a coal mine",
    when: ["coal_dust", "ctx_kiln"],
    transfer: [{ from: "coal_mine", to: "industry_trade", fraction: 0.8 }],
    shift: { industry_trade: 1 },
  },
  {
    why: "Coal dust at a cement plant or power plant comes from its coal mill (工贸), not a coal mine",
    when: ["coal_dust", "ctx_cement_plant"],
    transfer: [{ from: "coal_mine", to: "industry_trade", fraction: 0.8 }],
    shift: { industry_trade: 1 },
  },
  {
    why: "Fuel refined in a backyard works is production of a hazardous chemical; the drivers who buy it are customers, not the violation",
    when: ["oil_refining", "ctx_trade_verbs"],
    transfer: [
      { from: "transport", to: "hazardous_chemicals", fraction: 0.6 },
      { from: "other", to: "hazardous_chemicals", fraction: 0.6 },
    ],
  },
  // data/README.md: a mine is 煤矿 only when coal is named; mine words alone (矿洞, 挖矿, underground mine, shaft) are 非煤矿山.
  ...["mine_general", "underground", "mine_hoist"].map(
    (id): ContextModifier => ({
      why: "Mine words with no coal named are a non-coal mine",
      when: [id],
      unless: ["coal_mine", "coal_word", "coal_dust", "gas_methane", "gas_check", "coal_overproduction", "coal_ventilation"],
      transfer: [{ from: "coal_mine", to: "non_coal_mine", fraction: 1 }],
      shift: { non_coal_mine: 0.75 },
    }),
  ),
  {
    why: "Methane (瓦斯) underground is the mark of a coal mine (一通三防), whatever ore the owner claims to dig",
    when: ["gas_methane", "underground"],
    transfer: [{ from: "non_coal_mine", to: "coal_mine", fraction: 0.5 }],
  },
  {
    why: "Blasting in a coal mine without the gas check before firing (一炮三检, 水炮泥) is a coal-mine violation, not an explosives one",
    when: ["gas_check", "blasting"],
    transfer: [{ from: "civil_explosives", to: "coal_mine", fraction: 0.6 }],
    shift: { coal_mine: 1 },
  },
  {
    why: "A scenic-area cart that speeds or is overloaded is a 文旅 facility misused, not a road vehicle (景区观光车)",
    when: ["scenic_vehicle"],
    transfer: [{ from: "transport", to: "culture_tourism", fraction: 0.7 }],
  },
  {
    why: "A fishing boat's crew, life jackets or overloading belong to the fisheries authority (other), not waterway transport",
    when: ["fishing_boat"],
    transfer: [{ from: "transport", to: "other", fraction: 0.8 }],
  },
  {
    why: "Entering a tank or pit inside a chemical plant is a chemical special operation (受限空间作业), 危化",
    when: ["confined_space", "chem_plant"],
    transfer: [{ from: "industry_trade", to: "hazardous_chemicals", fraction: 0.6 }],
  },
  {
    why: "Digging out a hill, sand or stone and selling it is unlicensed mining (非煤矿山), whatever the works are called",
    when: ["earth_removal", "ctx_trade_verbs"],
    shift: { non_coal_mine: 2 },
  },
];
