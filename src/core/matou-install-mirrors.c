/* Install plans: docker-ce mirrors ranked by a speed test. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "matou-error.h"
#include "matou-install-plan.h"
#include "matou-install-plan-private.h"
#include "matou-probe.h"

/**
 * matou_install_mirror_url_is_secure:
 * @url: a docker-ce mirror's address from the mirror list
 *
 * Mirrors are used over HTTPS only, so that no one on the way can change
 * what they serve. Plain HTTP is allowed to a loopback address alone
 * (127.0.0.0/8, ::1), which never leaves this machine.
 */
gboolean
matou_install_mirror_url_is_secure (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  g_autoptr(GInetAddress) address = NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0)
    return FALSE;

  address = g_inet_address_new_from_string (g_uri_get_host (uri));
  return address != NULL && g_inet_address_get_is_loopback (address);
}

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
