#include "queue.h"

void queue_init(queue *q) { q->head = q->count = 0; }

int queue_put(queue *q, int v) {
  if (q->count == 64) return 0;
  q->items[(q->head + q->count++) % 64] = v;
  return 1;
}

int queue_take(queue *q, int *v) {
  if (q->count == 0) return 0;
  *v = q->items[q->head];
  q->head = (q->head + 1) % 64;
  q->count--;
  return 1;
}
