#ifndef RPN_H
#define RPN_H
/* Evaluates a reverse Polish expression of integers and + - * /; sets *ok to 0 on error. */
long rpn_eval(const char *expr, int *ok);
#endif
