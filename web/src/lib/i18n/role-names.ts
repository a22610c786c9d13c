import { m } from '../paraglide/messages.js';
import { fromCatalogue } from './from-catalogue.ts';

/** The roles the chair gives someone in the lobby, in plain words, by role. */
export const roleNames: Record<string, string> = /* @__PURE__ */ fromCatalogue({
  family: m.roleNames_family,
  network: m.roleNames_network,
  professional: m.roleNames_professional,
  child: m.roleNames_child,
  observer: m.roleNames_observer,
});

/** Who gave a scaling answer, by their role, shorter than `roleNames`. */
export const scalingRoleNames: Record<string, string> = /* @__PURE__ */ fromCatalogue({
  staff: m.scaling_roleNames_staff,
  family: m.scaling_roleNames_family,
  network: m.scaling_roleNames_network,
  professional: m.scaling_roleNames_professional,
  child: m.scaling_roleNames_child,
  observer: m.scaling_roleNames_observer,
  projector: m.scaling_roleNames_projector,
});

/** A staff account's role, on the staff accounts page. */
export const staffRoleNames: Record<string, string> = /* @__PURE__ */ fromCatalogue({
  staff: m.staff_staffRoleNames_staff,
  admin: m.staff_staffRoleNames_admin,
});
