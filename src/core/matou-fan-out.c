/* Many probes at once, their results in the order asked: the one fan-out the HTTP and DNS probes share. */
#include "config.h"

#include "matou-fan-out.h"

typedef struct {
  GPtrArray *results;
  guint      pending;
} FanOut;

typedef struct {
  GTask *task;
  guint  index;
} Part;

static void
fan_out_free (FanOut *fan)
{
  g_ptr_array_unref (fan->results);
  g_free (fan);
}

static void
return_results (GTask *task)
{
  FanOut *fan = g_task_get_task_data (task);

  g_task_return_pointer (task, g_ptr_array_ref (fan->results), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * matou_fan_out_start:
 * @task: returns a #GPtrArray of the @n results, in order, once all have come
 * @free_result: frees one result
 *
 * Returns: %TRUE when there are parts to run; %FALSE when @n is 0 and
 *   @task has already returned its empty array.
 */
gboolean
matou_fan_out_start (GTask          *task,
                     guint           n,
                     GDestroyNotify  free_result)
{
  FanOut *fan = g_new0 (FanOut, 1);

  fan->results = g_ptr_array_new_full (n, free_result);
  g_ptr_array_set_size (fan->results, n);
  fan->pending = n;
  g_task_set_task_data (task, fan, (GDestroyNotify) fan_out_free);

  if (n == 0)
    {
      return_results (task);
      return FALSE;
    }

  return TRUE;
}

/* The user data for part @index: hand it to matou_fan_out_part_done() with its result. */
gpointer
matou_fan_out_part (GTask *task,
                    guint  index)
{
  Part *part = g_new0 (Part, 1);

  part->task = g_object_ref (task);
  part->index = index;

  return part;
}

void
matou_fan_out_part_done (gpointer part_data,
                         gpointer result)
{
  Part *part = part_data;
  g_autoptr(GTask) task = part->task;
  FanOut *fan = g_task_get_task_data (task);

  g_ptr_array_index (fan->results, part->index) = result;
  g_free (part);

  if (--fan->pending == 0)
    return_results (task);
}
