export {
  classifySector,
  compileSectorRules,
  DEFAULT_SECTOR_THRESHOLD,
  type SectorCandidate,
  type SectorClassification,
  type SectorRules,
} from "./classify.js";
export { detectImmediateDanger, type DangerAssessment } from "./danger.js";
