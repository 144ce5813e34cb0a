export { isIsoDate, addDays, addMonths, daysBetween, isoWeekOf, isoWeekRange, dayOfWeek, msUntilNextShanghaiTime, todayInShanghai, type IsoDate } from './dates.ts';
export { calendarNoticeSchema, type CalendarNotice } from './notice.ts';
export { createWorkCalendar, type WorkCalendar, type WorkingDayResult, type DayInfo } from './calendar.ts';
