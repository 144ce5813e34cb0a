import type { Command } from '../framework.ts';

/** The data commands: user, agency, calendar, demo. */
export const extraCommands: Command[] = [];
