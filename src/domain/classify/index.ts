export { classifySector, DEFAULT_SECTOR_THRESHOLD, type SectorCandidate, type SectorClassification } from "./classify.js";
export { detectImmediateDanger, type DangerAssessment } from "./danger.js";
