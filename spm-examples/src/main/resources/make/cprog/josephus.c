#include "josephus.h"
#include "queue.h"

int josephus(int n, int k) {
  queue q;
  queue_init(&q);
  for (int i = 1; i <= n; i++) queue_put(&q, i);
  int v = 0;
  while (q.count > 1) {
    for (int i = 1; i < k; i++) {
      queue_take(&q, &v);
      queue_put(&q, v);
    }
    queue_take(&q, &v);
  }
  queue_take(&q, &v);
  return v;
}
