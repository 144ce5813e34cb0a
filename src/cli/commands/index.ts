import type { Command } from '../framework.ts';
import { userCommands } from './user.ts';
import { userTokenCommands } from './api-tokens.ts';
import { agencyCommands } from './agency.ts';
import { calendarCommands } from './calendar.ts';
import { deadlineCommands } from './deadline.ts';
import { demoCommand } from './demo.ts';
import { publicationCommands } from './publications.ts';
import { catalogCommands } from './catalog.ts';
import { feeCommand } from './fee.ts';
import { applicationCommands } from './applications.ts';
import { reportCommands } from './report.ts';
import { monitorCommands } from './monitor.ts';

/** The data commands: user, agency, calendar, demo, import/export, catalog jobs, search index. */
export const extraCommands: Command[] = [demoCommand, ...userCommands, ...userTokenCommands, ...agencyCommands, ...calendarCommands, ...deadlineCommands, ...publicationCommands, ...catalogCommands, feeCommand, ...applicationCommands, ...reportCommands, ...monitorCommands];
