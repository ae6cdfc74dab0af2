import { randomInt } from "node:crypto";

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const UPPER_ALNUM = `${UPPER}0123456789`;

function randomFrom(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export const randomUpper = (length: number) => randomFrom(UPPER, length);
export const randomUpperAlnum = (length: number) => randomFrom(UPPER_ALNUM, length);
