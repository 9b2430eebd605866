#ifndef DATE_H
#define DATE_H
/* 0 = Sunday ... 6 = Saturday, Gregorian calendar. */
int day_of_week(int year, int month, int day);
const char *day_name(int dow);
#endif
