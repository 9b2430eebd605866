#ifndef QUEUE_H
#define QUEUE_H
typedef struct {
  int items[64];
  int head, count;
} queue;
void queue_init(queue *q);
int queue_put(queue *q, int v);
int queue_take(queue *q, int *v);
#endif
