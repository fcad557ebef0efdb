// APP-6 symbols of units by kind, drawn by milsymbol (loaded with this module, on demand).
import ms from 'milsymbol';

// Letter-based SIDCs (MIL-STD-2525C / APP-6(B)): friendly, present; the echelon or HQ
// modifier by kind. Affiliation is a drawing convention here, not a judgement.
const SIDC = {
  authority: 'SFGPU-----AN---', // headquarters, command
  'military-district': 'SFGPU-----AM---', // headquarters, region
  fleet: 'SFSPC------N---', // sea surface combatant, command
  service: 'SFSP-----------', // sea surface
};

export function symbolSvg(kind) {
  return new ms.Symbol(SIDC[kind] || 'SFGPU----------', { size: 26, fill: true, frame: true }).asSVG();
}
