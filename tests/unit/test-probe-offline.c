/* Probes on a computer without a network: meson runs this in a network namespace
 * of its own that has only the loopback interface (unshare -n). */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "matou-probe.h"
#include "matou-test-locale.h"

static void
probed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = matou_probe_many_finish (result, &error);
  g_assert_no_error (error);
}

static GPtrArray *
probe_all (const char * const *urls,
           MatouProbeKind      kind)
{
  GPtrArray *results = NULL;

  matou_probe_many_async (urls, kind, NULL, 5, NULL, probed_cb, &results);
  while (results == NULL)
    g_main_context_iteration (NULL, TRUE);

  return results;
}

static void
assert_all (GPtrArray    *results,
            MatouOffline  offline)
{
  for (guint i = 0; i < results->len; i++)
    {
      const MatouProbeResult *r = g_ptr_array_index (results, i);

      g_test_message ("%s: %s", r->url, r->detail);
      g_assert_cmpint (r->offline, ==, offline);
    }
  g_assert_cmpint (matou_probe_results_offline (results), ==, offline);
}

/* No name resolves: the registry mirrors and the docker-ce downloads alike. */
static void
test_no_names (void)
{
  const char *mirrors[] = { "https://registry-1.docker.io", "https://docker.1ms.run", "https://dockerproxy.net", NULL };
  const char *downloads[] = { "https://mirrors.aliyun.com/docker-ce/linux/debian/gpg",
                              "https://download.docker.com/linux/debian/gpg", NULL };
  g_autoptr(GPtrArray) registry = probe_all (mirrors, MATOU_PROBE_REGISTRY);
  g_autoptr(GPtrArray) download = probe_all (downloads, MATOU_PROBE_DOWNLOAD);

  assert_all (registry, MATOU_OFFLINE_NO_NAMES);
  assert_all (download, MATOU_OFFLINE_NO_NAMES);
  g_assert_nonnull (strstr (matou_offline_describe (MATOU_OFFLINE_NO_NAMES), "DNS"));
}

/* Addresses without names: there is no route to any of them. */
static void
test_no_route (void)
{
  const char *urls[] = { "http://192.0.2.1/", "https://198.51.100.7/", NULL };
  g_autoptr(GPtrArray) results = probe_all (urls, MATOU_PROBE_REGISTRY);

  assert_all (results, MATOU_OFFLINE_NO_ROUTE);
  g_assert_nonnull (strstr (matou_offline_describe (MATOU_OFFLINE_NO_ROUTE), "offline"));
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
}

/* One address that answers (on loopback) means the computer is not offline:
 * the other rows say what happened to them. */
static void
test_one_answers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GSList) uris = NULL;
  g_autofree char *local = NULL;
  g_autoptr(GPtrArray) results = NULL;
  const char *urls[3];

  soup_server_add_handler (server, NULL, on_request, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  local = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  urls[0] = local;
  urls[1] = "https://docker.1ms.run";
  urls[2] = NULL;
  results = probe_all (urls, MATOU_PROBE_REGISTRY);
  g_assert_cmpint (((MatouProbeResult *) g_ptr_array_index (results, 0))->verdict, ==, MATOU_PROBE_OK);
  g_assert_cmpint (((MatouProbeResult *) g_ptr_array_index (results, 1))->offline, ==, MATOU_OFFLINE_NO_NAMES);
  g_assert_cmpint (matou_probe_results_offline (results), ==, MATOU_OFFLINE_NO);
}

/* The same failure, twice, that says nothing of this computer; and one result alone. */
static void
test_not_offline (void)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) matou_probe_result_free);
  MatouProbeResult *a = g_new0 (MatouProbeResult, 1);
  MatouProbeResult *b = g_new0 (MatouProbeResult, 1);

  a->verdict = b->verdict = MATOU_PROBE_UNREACHABLE;
  g_ptr_array_add (results, a);
  g_assert_cmpint (matou_probe_results_offline (results), ==, MATOU_OFFLINE_NO);
  a->offline = MATOU_OFFLINE_NO_NAMES;
  g_assert_cmpint (matou_probe_results_offline (results), ==, MATOU_OFFLINE_NO);
  g_ptr_array_add (results, b);
  g_assert_cmpint (matou_probe_results_offline (results), ==, MATOU_OFFLINE_NO);
  b->offline = MATOU_OFFLINE_NO_ROUTE;
  g_assert_cmpint (matou_probe_results_offline (results), ==, MATOU_OFFLINE_NO);
  b->offline = MATOU_OFFLINE_NO_NAMES;
  g_assert_cmpint (matou_probe_results_offline (results), ==, MATOU_OFFLINE_NO_NAMES);
}

/* The offline message and the rows' text, in Chinese. */
static void
test_chinese (void)
{
  const char *urls[] = { "https://docker.1ms.run", "https://dockerproxy.net", NULL };
  g_autoptr(GPtrArray) results = NULL;
  char *saved = matou_test_enter_chinese ();

  if (saved == NULL)
    return;

  results = probe_all (urls, MATOU_PROBE_REGISTRY);
  g_assert_cmpint (matou_probe_results_offline (results), ==, MATOU_OFFLINE_NO_NAMES);
  g_test_message ("%s / %s", matou_offline_describe (MATOU_OFFLINE_NO_NAMES), matou_offline_row_text ());
  g_assert_nonnull (strstr (matou_offline_describe (MATOU_OFFLINE_NO_NAMES), "离线"));
  g_assert_nonnull (strstr (matou_offline_describe (MATOU_OFFLINE_NO_ROUTE), "离线"));
  g_assert_cmpstr (matou_offline_row_text (), ==, "未测试：离线");
  for (guint i = 0; i < results->len; i++)
    {
      const MatouProbeResult *r = g_ptr_array_index (results, i);

      /* Even the row's own detail says what was seen, not that the service is gone. */
      g_assert_null (strstr (r->detail, "下线"));
      g_assert_null (strstr (r->detail, "gone away"));
    }

  matou_test_leave_chinese (saved);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/probe-offline/no-names", test_no_names);
  g_test_add_func ("/probe-offline/no-route", test_no_route);
  g_test_add_func ("/probe-offline/one-answers", test_one_answers);
  g_test_add_func ("/probe-offline/not-offline", test_not_offline);
  g_test_add_func ("/probe-offline/chinese", test_chinese);

  return g_test_run ();
}
