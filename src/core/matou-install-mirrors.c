/* Install plans: docker-ce mirrors ranked by a speed test. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "matou-error.h"
#include "matou-install-plan.h"
#include "matou-install-plan-private.h"
#include "matou-probe.h"

/* --- mirrors ----------------------------------------------------------------------- */

typedef struct {
  const char             *id;
  const MatouProbeResult *result;
  guint                   position;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a;
  const Ranked *y = b;
  gboolean x_ok = x->result != NULL && x->result->verdict == MATOU_PROBE_OK;
  gboolean y_ok = y->result != NULL && y->result->verdict == MATOU_PROBE_OK;

  if (x_ok != y_ok)
    return x_ok ? -1 : 1;
  if (x_ok && x->result->seconds != y->result->seconds)
    return x->result->seconds < y->result->seconds ? -1 : 1;

  return (int) x->position - (int) y->position;
}

char **
matou_install_rank_mirrors (const char * const *ids,
                            GPtrArray          *results)
{
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      Ranked item = {
        .id = ids[i],
        .result = results != NULL && i < results->len ? g_ptr_array_index (results, i) : NULL,
        .position = i,
      };

      g_array_append_val (ranked, item);
    }

  g_array_sort (ranked, compare_ranked);
  for (guint i = 0; i < ranked->len; i++)
    g_strv_builder_add (builder, g_array_index (ranked, Ranked, i).id);

  return g_strv_builder_end (builder);
}
