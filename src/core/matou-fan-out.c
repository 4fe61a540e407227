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
 * matou_fan_out_new:
 * @source_tag: the caller's _async function, checked by matou_fan_out_finish()
 * @n: how many parts
 * @free_result: frees one result
 *
 * A task that returns a #GPtrArray of the @n results, in order, once all
 * have come.
 *
 * Returns: (transfer full) (nullable): the task, to hand out its parts
 *   with matou_fan_out_part(); %NULL when @n is 0 and the callback has
 *   already been given its empty array.
 */
GTask *
matou_fan_out_new (gpointer             source_tag,
                   guint                n,
                   GDestroyNotify       free_result,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  FanOut *fan = g_new0 (FanOut, 1);

  g_task_set_source_tag (task, source_tag);
  fan->results = g_ptr_array_new_full (n, free_result);
  g_ptr_array_set_size (fan->results, n);
  fan->pending = n;
  g_task_set_task_data (task, fan, (GDestroyNotify) fan_out_free);

  if (n == 0)
    {
      return_results (task);
      return NULL;
    }

  return g_steal_pointer (&task);
}

/* The results, in the order asked (transfer full). */
GPtrArray *
matou_fan_out_finish (GAsyncResult  *result,
                      gpointer       source_tag,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
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
