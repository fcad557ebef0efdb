// Colours of the things regions belong to. Fixed for the well-known ids so that a district
// keeps its colour across dates and neighbours are told apart; others get a stable colour
// from a qualitative palette by a hash of their id.
export const NO_DATA = '#e4e1da';

const FIXED = {
  // Military districts (neighbours differ in hue and lightness).
  'western-md': '#4f7fd9',
  'northern-fleet': '#27406f',
  'leningrad-md': '#8b67c4',
  'moscow-md': '#d9543f',
  'southern-md': '#efb322',
  'central-md': '#4fb88a',
  'eastern-md': '#f08a4b',
  // Federal districts.
  'central-fd': '#d9543f',
  'northwestern-fd': '#8b67c4',
  'southern-fd': '#efb322',
  'north-caucasian-fd': '#5bb6d9',
  'volga-fd': '#4fb88a',
  'ural-fd': '#4f7fd9',
  'siberian-fd': '#f08a4b',
  'far-eastern-fd': '#2a8c82',
  'crimean-fd': '#c95f95',
  // States and alliances.
  RU: '#c8553d',
  UA: '#3d7cc9',
  nato: '#2f5fb3',
  eu: '#f2c14e',
  'eu+nato': '#3f9a6a',
};

const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7',
  '#9c755f', '#86bcb6', '#d37295', '#a0cbe8'];

export function colourFor(key) {
  if (FIXED[key]) return FIXED[key];
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return PALETTE[(h >>> 0) % PALETTE.length];
}
