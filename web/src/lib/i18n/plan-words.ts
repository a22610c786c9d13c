import { m } from '../paraglide/messages.js';
import { fromCatalogue } from './from-catalogue.ts';

/** The safety plan's words looked up by a value the plan holds, or chosen by it. */
export const dayNames = /* @__PURE__ */ fromCatalogue({
  mon: m.plan_day_mon,
  tue: m.plan_day_tue,
  wed: m.plan_day_wed,
  thu: m.plan_day_thu,
  fri: m.plan_day_fri,
  sat: m.plan_day_sat,
  sun: m.plan_day_sun,
});

export const dayPartNames = /* @__PURE__ */ fromCatalogue({
  morning: m.plan_part_morning,
  afternoon: m.plan_part_afternoon,
  evening: m.plan_part_evening,
  night: m.plan_part_night,
});

export const agreementStageNames = /* @__PURE__ */ fromCatalogue({
  drafting: m.agreement_stage_drafting,
  agreeing: m.agreement_stage_agreeing,
  agreed: m.agreement_stage_agreed,
});

/** A moment the plan is tested at [PLAN11], with what sets it off when the chair named it. */
export const testMomentLabel = (day: string, time: string, triggers: string): string =>
  triggers ? m.planTest_momentWith({ day, time, triggers }) : m.planTest_moment({ day, time });

/** Someone's answer to the plan: agrees or not, with their reason when they gave one. */
export const answerOf = (name: string, agrees: boolean, reason?: string): string =>
  agrees
    ? reason
      ? m.agreement_answerAgreesBecause({ name, reason })
      : m.agreement_answerAgrees({ name })
    : reason
      ? m.agreement_answerDisagreesBecause({ name, reason })
      : m.agreement_answerDisagrees({ name });

/** The plain explanation a tap away beside a part of the plan [FIRST7], by the part. */
export const termExplanations = /* @__PURE__ */ fromCatalogue({
  planRules: m.term_planRules,
  fireDrills: m.term_fireDrills,
  trajectory: m.term_trajectory,
  safetyObject: m.term_safetyObject,
  contingency: m.term_contingency,
  nextSteps: m.term_nextSteps,
});
