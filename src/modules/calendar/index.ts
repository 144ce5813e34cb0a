export { createCalendarRepository, type CalendarRepository } from './calendar.repository.ts';
export { createCalendarService, type CalendarService } from './calendar.service.ts';
