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

// The unit's own code (the record's `sidc`, APP-6(D) / MIL-STD-2525D, 20 digits) when it has a
// valid one, else the code for its kind.
export function symbolSvg(kind, sidc) {
  const options = { size: 26, fill: true, frame: true };
  if (sidc) {
    const own = new ms.Symbol(sidc, options);
    if (own.isValid()) return own.asSVG();
  }
  return new ms.Symbol(SIDC[kind] || 'SFGPU----------', options).asSVG();
}

// The same symbol as an image URL (for the map's headquarters markers).
export function symbolUrl(kind, sidc) {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(symbolSvg(kind, sidc))}`;
}
