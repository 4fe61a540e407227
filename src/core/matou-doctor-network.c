/* The doctor's network stages: name resolution, reachability and the registry handshake, for Docker Hub and each mirror. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "matou-credentials.h"
#include "matou-dns-probe.h"
#include "matou-doctor-private.h"
#include "matou-probe.h"
#include "matou-proxy-probe.h"
#include "matou-json.h"

#define MANIFEST_ACCEPT "application/vnd.docker.distribution.manifest.list.v2+json, " \
                        "application/vnd.oci.image.index.v1+json, " \
                        "application/vnd.docker.distribution.manifest.v2+json, " \
                        "application/vnd.oci.image.manifest.v1+json"
#define TEST_REPOSITORY "library/hello-world"

static MatouDoctorTarget *
target_new (const char *url,
            gboolean    is_hub)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  MatouDoctorTarget *target;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  target = g_new0 (MatouDoctorTarget, 1);
  target->url = g_strdup (url);
  while (g_str_has_suffix (target->url, "/"))
    target->url[strlen (target->url) - 1] = '\0';
  target->host = g_strdup (g_uri_get_host (uri));
  target->port = g_uri_get_port (uri);
  target->is_hub = is_hub;

  return target;
}

static const char *
hub_url (MatouDoctorRun *run)
{
  return run->options.hub_url != NULL ? run->options.hub_url : MATOU_DOCTOR_HUB_URL;
}

/* The daemon (Go) never sends loopback addresses through a proxy. */
static const char *
proxy_for (MatouDoctorRun    *run,
           MatouDoctorTarget *target)
{
  if (run->proxy == NULL || matou_doctor_host_is_loopback (target->host))
    return NULL;
  return run->proxy;
}

static gboolean
is_address (const char *host)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);
  return address != NULL || (host[0] == '[');
}

/* Resolves @host with this computer's resolver: a line for the detail, and whether it worked. */
static gboolean
resolve_line (MatouDoctorRun *run,
              const char     *host,
              GString        *detail)
{
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  g_autoptr(GError) error = NULL;
  GList *addresses;

  if (is_address (host))
    {
      g_string_append_printf (detail, _("%s: an address, nothing to resolve\n"), host);
      return TRUE;
    }

  addresses = g_resolver_lookup_by_name (resolver, host, run->cancellable, &error);
  if (addresses == NULL)
    {
      g_string_append_printf (detail, _("%s: %s\n"), host, error->message);
      return FALSE;
    }

  g_string_append_printf (detail, "%s:", host);
  for (GList *l = addresses; l != NULL; l = l->next)
    {
      g_autofree char *text = g_inet_address_to_string (l->data);
      g_string_append_printf (detail, " %s", text);
    }
  g_string_append_c (detail, '\n');
  g_resolver_free_addresses (addresses);

  return TRUE;
}

static void
chomp (GString *text)
{
  if (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);
}

typedef struct {
  gboolean   done;
  GPtrArray *results;
  MatouProbeResult *result;
} ProbeWait;

static void
dns_probe_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ProbeWait *wait = user_data;

  wait->results = matou_dns_probe_many_finish (result, NULL);
  wait->done = TRUE;
}

void
matou_doctor_stage_dns (MatouDoctorRun *run)
{
  MatouDoctorTarget *hub = target_new (hub_url (run), TRUE);
  g_autoptr(GString) detail = g_string_new (NULL);
  gboolean stub = FALSE;
  g_auto(GStrv) resolvers = matou_read_resolv_conf (NULL, &stub);
  g_autofree char *resolvers_text = resolvers != NULL ? g_strjoinv (", ", resolvers) : g_strdup ("?");
  MatouCheck *check;
  guint n_failed = 0, n_mirrors = 0;

  g_ptr_array_add (run->targets, hub);
  for (guint i = 0; run->mirrors != NULL && run->mirrors[i] != NULL; i++)
    {
      MatouDoctorTarget *target = target_new (run->mirrors[i], FALSE);
      if (target != NULL)
        g_ptr_array_add (run->targets, target);
    }

  /* Docker Hub: the registry, its token service and the host its blobs come from. */
  hub->resolved = resolve_line (run, hub->host, detail);
  if (run->options.hub_url == NULL)
    {
      resolve_line (run, "auth.docker.io", detail);
      resolve_line (run, "production.cloudflare.docker.com", detail);
    }
  g_string_append_printf (detail, _("This computer’s resolvers: %s"), resolvers_text);
  if (hub->resolved)
    matou_doctor_run_add (run, matou_check_new ("dns.hub", MATOU_STAGE_DNS, MATOU_CHECK_OK,
                                                _("Docker Hub’s names resolve"), detail->str, NULL));
  else
    {
      GString *explanation = g_string_new (_("The daemon resolves registry names with this computer’s resolver (not with the “dns” of daemon.json, which is for containers)."));

      if (stub)
        g_string_append (explanation, _(" Here that is systemd-resolved’s stub at 127.0.0.53, which asks the servers of your network connection: fix them in the network settings."));
      if (run->proxy != NULL)
        g_string_append (explanation, _(" The daemon has a proxy, which resolves names for it: this matters only if the proxy does not work."));
      else
        g_string_append (explanation, _(" A proxy for the daemon, or a registry mirror whose name resolves, avoids the problem."));
      check = matou_doctor_run_add (run, matou_check_new ("dns.hub", MATOU_STAGE_DNS,
                                                          run->proxy != NULL ? MATOU_CHECK_WARNING : MATOU_CHECK_FAILED,
                                                          _("Docker Hub’s name does not resolve"), detail->str, explanation->str));
      g_string_free (explanation, TRUE);
      matou_check_set_fix_settings (check, _("Set a proxy for the daemon"), "proxy", NULL);
      /* Through a proxy the daemon does not resolve names itself. */
      hub->resolved = run->proxy != NULL;
    }

  g_string_truncate (detail, 0);
  for (guint i = 1; i < run->targets->len; i++)
    {
      MatouDoctorTarget *target = g_ptr_array_index (run->targets, i);

      n_mirrors++;
      target->resolved = resolve_line (run, target->host, detail);
      if (!target->resolved)
        {
          n_failed++;
          target->problem = g_strdup_printf (_("its name %s does not resolve"), target->host);
          target->resolved = proxy_for (run, target) != NULL;
        }
    }
  chomp (detail);
  if (n_mirrors == 0)
    matou_doctor_run_skip (run, "dns.mirrors", MATOU_STAGE_DNS, _("Registry mirrors’ names"),
                           _("No registry mirror is configured."));
  else if (n_failed == 0)
    matou_doctor_run_add (run, matou_check_new ("dns.mirrors", MATOU_STAGE_DNS, MATOU_CHECK_OK,
                                                _("Every registry mirror’s name resolves"), detail->str, NULL));
  else
    {
      check = matou_doctor_run_add (run, matou_check_new ("dns.mirrors", MATOU_STAGE_DNS,
                                                          n_failed == n_mirrors ? MATOU_CHECK_FAILED : MATOU_CHECK_WARNING,
                                                          _("A registry mirror’s name does not resolve"), detail->str,
                                                          _("A mirror whose name does not resolve is skipped by the daemon. It may have shut down, or be misspelt: remove it or pick another.")));
      matou_check_set_fix_settings (check, _("Check the registry mirrors"), "mirrors", NULL);
    }

  /* The daemon's "dns": containers use these servers; its own pulls do not. */
  if (run->dns == NULL || run->dns[0] == NULL)
    matou_doctor_run_skip (run, "dns.daemon-servers", MATOU_STAGE_DNS, _("The DNS servers of daemon.json"),
                           _("daemon.json sets no “dns”: containers use this computer’s resolvers."));
  else
    {
      ProbeWait wait = { 0 };
      guint n_bad = 0;

      matou_dns_probe_many_async ((const char * const *) run->dns, 0,
                                  run->options.hub_url == NULL ? "registry-1.docker.io" : hub->host,
                                  MATOU_DNS_DEFAULT_TIMEOUT_SECONDS, run->cancellable, dns_probe_cb, &wait);
      matou_doctor_iterate_until (g_main_context_get_thread_default (), &wait.done);
      g_string_truncate (detail, 0);
      for (guint i = 0; wait.results != NULL && i < wait.results->len; i++)
        {
          MatouDnsResult *r = g_ptr_array_index (wait.results, i);
          g_string_append_printf (detail, "%s: %s\n", r->server, r->detail);
          if (!r->ok)
            n_bad++;
        }
      chomp (detail);
      if (n_bad == 0)
        matou_doctor_run_add (run, matou_check_new ("dns.daemon-servers", MATOU_STAGE_DNS, MATOU_CHECK_OK,
                                                    _("The DNS servers of daemon.json answer"), detail->str,
                                                    _("These servers are for containers; the daemon’s own pulls use this computer’s resolver.")));
      else
        {
          check = matou_doctor_run_add (run, matou_check_new ("dns.daemon-servers", MATOU_STAGE_DNS, MATOU_CHECK_WARNING,
                                                              _("A DNS server of daemon.json does not answer"), detail->str,
                                                              _("Containers use these servers: names inside containers fail while one does not answer. They do not affect pulls.")));
          matou_check_set_fix_settings (check, _("Check the DNS servers"), "dns", NULL);
        }
      g_clear_pointer (&wait.results, g_ptr_array_unref);
    }
}

static void
probe_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  ProbeWait *wait = user_data;

  wait->results = matou_probe_many_finish (result, NULL);
  wait->done = TRUE;
}

static void
proxy_probe_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ProbeWait *wait = user_data;

  wait->result = matou_probe_through_proxy_finish (result, NULL);
  wait->done = TRUE;
}

/* One registry's /v2/, the way the daemon would reach it. */
static MatouProbeResult *
probe_target (MatouDoctorRun    *run,
              MatouDoctorTarget *target)
{
  const char *urls[] = { target->url, NULL };
  ProbeWait wait = { 0 };
  MatouProbeResult *result = NULL;

  matou_probe_many_async (urls, MATOU_PROBE_REGISTRY, proxy_for (run, target), run->options.timeout_seconds,
                          run->cancellable, probe_cb, &wait);
  matou_doctor_iterate_until (g_main_context_get_thread_default (), &wait.done);
  if (wait.results != NULL && wait.results->len == 1)
    result = g_ptr_array_steal_index (wait.results, 0);
  g_clear_pointer (&wait.results, g_ptr_array_unref);

  return result;
}

void
matou_doctor_stage_reach (MatouDoctorRun *run)
{
  MatouDoctorTarget *hub = g_ptr_array_index (run->targets, 0);
  g_autoptr(GString) detail = g_string_new (NULL);
  MatouCheck *check;
  guint n_mirrors = 0, n_failed = 0;

  if (run->proxy == NULL)
    matou_doctor_run_skip (run, "reach.proxy", MATOU_STAGE_REACH, _("The daemon’s proxy"),
                           _("The daemon has no proxy: it connects directly."));
  else
    {
      g_autoptr(GUri) uri = g_uri_parse (run->proxy, G_URI_FLAGS_NONE, NULL);
      gboolean loopback = uri != NULL && matou_doctor_host_is_loopback (g_uri_get_host (uri));
      g_autofree char *target_url = g_strconcat (hub->url, "/v2/", NULL);
      g_autofree char *masked = matou_mask_credentials (run->proxy);
      g_autofree char *text = NULL;
      ProbeWait wait = { 0 };

      matou_probe_through_proxy_async (run->proxy, target_url, run->options.timeout_seconds,
                                       run->cancellable, proxy_probe_cb, &wait);
      matou_doctor_iterate_until (g_main_context_get_thread_default (), &wait.done);
      text = g_strdup_printf ("%s: %s", masked, wait.result != NULL ? wait.result->detail : "");
      if (wait.result != NULL && wait.result->verdict == MATOU_PROBE_OK)
        {
          check = matou_doctor_run_add (run, matou_check_new ("reach.proxy", MATOU_STAGE_REACH,
                                                              loopback ? MATOU_CHECK_WARNING : MATOU_CHECK_OK,
                                                              _("The daemon’s proxy works"), text,
                                                              loopback ? _("A proxy on 127.0.0.1 works for the daemon’s pulls, but not inside containers (their 127.0.0.1 is their own) nor for rootless Docker. For those, let the proxy listen on this computer’s network address and use that address, or the bridge’s gateway (172.17.0.1).") : NULL));
          hub->reached = TRUE;
        }
      else
        {
          check = matou_doctor_run_add (run, matou_check_new ("reach.proxy", MATOU_STAGE_REACH, MATOU_CHECK_FAILED,
                                                              _("The daemon’s proxy does not get through"), text,
                                                              _("Every pull of the daemon goes through this proxy. Start the proxy program, correct its address, or switch the daemon’s proxy off.")));
          matou_check_set_fix_settings (check, _("Check the proxy in Settings"), "proxy", masked);
        }
      g_clear_pointer (&wait.result, matou_probe_result_free);
    }

  if (!hub->resolved)
    matou_doctor_run_skip (run, "reach.hub", MATOU_STAGE_REACH, _("Whether Docker Hub answers"),
                           _("Not run: Docker Hub’s name does not resolve (see Name resolution)."));
  else
    {
      g_autoptr(MatouProbeResult) result = probe_target (run, hub);
      g_autofree char *text = g_strdup_printf ("%s: %s", hub->url, result != NULL ? result->detail : "");

      hub->reached = result != NULL && result->verdict == MATOU_PROBE_OK;
      if (hub->reached)
        matou_doctor_run_add (run, matou_check_new ("reach.hub", MATOU_STAGE_REACH, MATOU_CHECK_OK,
                                                    run->proxy != NULL ? _("Docker Hub answers through the proxy") : _("Docker Hub answers"),
                                                    text, NULL));
      else
        {
          gboolean have_mirrors = run->targets->len > 1;

          hub->problem = g_strdup (result != NULL ? result->detail : "");
          check = matou_doctor_run_add (run, matou_check_new ("reach.hub", MATOU_STAGE_REACH,
                                                              have_mirrors ? MATOU_CHECK_WARNING : MATOU_CHECK_FAILED,
                                                              _("Docker Hub does not answer"), text,
                                                              have_mirrors ? _("Pulls of Docker Hub’s images depend on the registry mirrors (checked next).")
                                                                           : _("Docker Hub has been unreachable from mainland China since June 2024. Add a registry mirror that works, or give the daemon a proxy.")));
          matou_check_set_fix_settings (check, _("Add a registry mirror"), "mirrors", NULL);
        }
    }

  for (guint i = 1; i < run->targets->len; i++)
    {
      MatouDoctorTarget *target = g_ptr_array_index (run->targets, i);
      g_autoptr(MatouProbeResult) result = NULL;

      n_mirrors++;
      if (!target->resolved)
        {
          n_failed++;
          g_string_append_printf (detail, _("%s: not tried, %s\n"), target->url, target->problem);
          continue;
        }
      result = probe_target (run, target);
      target->reached = result != NULL && result->verdict == MATOU_PROBE_OK;
      g_string_append_printf (detail, "%s: %s\n", target->url, result != NULL ? result->detail : "");
      if (!target->reached)
        {
          n_failed++;
          g_free (target->problem);
          target->problem = g_strdup (result != NULL ? result->detail : "");
        }
    }
  chomp (detail);
  if (n_mirrors == 0)
    matou_doctor_run_skip (run, "reach.mirrors", MATOU_STAGE_REACH, _("Whether the registry mirrors answer"),
                           _("No registry mirror is configured."));
  else if (n_failed == 0)
    matou_doctor_run_add (run, matou_check_new ("reach.mirrors", MATOU_STAGE_REACH, MATOU_CHECK_OK,
                                                _("Every registry mirror answers"), detail->str, NULL));
  else
    {
      check = matou_doctor_run_add (run, matou_check_new ("reach.mirrors", MATOU_STAGE_REACH,
                                                          n_failed == n_mirrors && !hub->reached ? MATOU_CHECK_FAILED : MATOU_CHECK_WARNING,
                                                          _("A registry mirror does not answer"), detail->str,
                                                          _("The daemon tries the mirrors in order and falls back to Docker Hub. A mirror that does not answer slows every pull and, when Docker Hub is unreachable too, makes it fail.")));
      matou_check_set_fix_settings (check, _("Check the registry mirrors"), "mirrors", NULL);
    }
}

/* ---- The registry handshake -------------------------------------------- */

static SoupMessage *
send_sync (SoupSession   *session,
           const char    *method,
           const char    *url,
           const char    *token,
           GCancellable  *cancellable,
           GBytes       **body,
           GError       **error)
{
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;

  if (message == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s” is not a valid address"), url);
      return NULL;
    }
  soup_message_headers_append (soup_message_get_request_headers (message), "Accept", MANIFEST_ACCEPT);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_append (soup_message_get_request_headers (message), "Authorization", value);
    }
  bytes = soup_session_send_and_read (session, message, cancellable, error);
  if (bytes == NULL)
    {
      GTlsCertificateFlags flags = soup_message_get_tls_peer_certificate_errors (message);

      /* An expired certificate is often a wrong clock here, not there: say what this clock says. */
      if (error != NULL && *error != NULL &&
          (flags & (G_TLS_CERTIFICATE_EXPIRED | G_TLS_CERTIFICATE_NOT_ACTIVATED)) != 0)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          g_autofree char *clock = g_date_time_format (now, "%Y-%m-%d %H:%M:%S %Z");
          g_autofree char *text = g_strdup_printf (_("%s (the certificate has expired or is not valid yet; this computer’s clock says %s: check it first)"),
                                                   (*error)->message, clock);
          g_free ((*error)->message);
          (*error)->message = g_steal_pointer (&text);
        }
      return NULL;
    }
  if (body != NULL)
    *body = g_steal_pointer (&bytes);

  return g_steal_pointer (&message);
}

/* realm, service from `WWW-Authenticate: Bearer realm="…",service="…"`. */
static gboolean
parse_bearer (SoupMessage  *message,
              char        **realm,
              char        **service)
{
  const char *header = soup_message_headers_get_one (soup_message_get_response_headers (message), "WWW-Authenticate");
  GHashTable *params;

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return FALSE;
  params = soup_header_parse_param_list (header + 7);
  *realm = g_strdup (g_hash_table_lookup (params, "realm"));
  *service = g_strdup (g_hash_table_lookup (params, "service"));
  soup_header_free_param_list (params);

  return *realm != NULL;
}

static char *
token_from_body (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;
  JsonObject *object;

  if (data == NULL || !json_parser_load_from_data (parser, data, size, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (object, "token"))
    return matou_json_dup_string (object, "token");

  return matou_json_dup_string (object, "access_token");
}

/* The handshake with one registry; fills @detail with one line per step. */
static MatouCheckState
handshake (MatouDoctorRun    *run,
           MatouDoctorTarget *target,
           GString           *detail,
           gboolean          *rate_limited)
{
  g_autoptr(SoupSession) session = matou_doctor_registry_session (proxy_for (run, target), run->options.timeout_seconds);
  g_autoptr(SoupMessage) ping = NULL;
  g_autoptr(SoupMessage) head = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ping_url = g_strconcat (target->url, "/v2/", NULL);
  g_autofree char *manifest_url = g_strconcat (target->url, "/v2/" TEST_REPOSITORY "/manifests/latest", NULL);
  g_autofree char *token = NULL;
  g_autofree char *realm = NULL;
  g_autofree char *service = NULL;
  guint status;
  const char *limit, *remaining;
  SoupMessageHeaders *headers;

  ping = send_sync (session, "GET", ping_url, NULL, run->cancellable, NULL, &error);
  if (ping == NULL)
    {
      g_string_append_printf (detail, _("GET %s: %s\n"), ping_url, error->message);
      target->problem = g_strdup (error->message);
      return MATOU_CHECK_FAILED;
    }
  status = soup_message_get_status (ping);
  g_string_append_printf (detail, "GET %s: %u %s\n", ping_url, status, soup_message_get_reason_phrase (ping));
  if (status == 401 && parse_bearer (ping, &realm, &service) && target->is_hub)
    {
      g_autoptr(GUri) realm_uri = g_uri_parse (realm, G_URI_FLAGS_NONE, NULL);
      g_autofree char *query = NULL;
      g_autofree char *token_url = NULL;
      g_autoptr(SoupMessage) token_message = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GUri) with_query = NULL;

      query = g_strdup_printf ("service=%s&scope=repository:" TEST_REPOSITORY ":pull",
                               service != NULL ? service : "");
      if (realm_uri != NULL)
        with_query = soup_uri_copy (realm_uri, SOUP_URI_QUERY, query, SOUP_URI_NONE);
      token_url = with_query != NULL ? g_uri_to_string (with_query) : g_strdup (realm);
      token_message = send_sync (session, "GET", token_url, NULL, run->cancellable, &body, &error);
      if (token_message == NULL || soup_message_get_status (token_message) != 200 ||
          (token = token_from_body (body)) == NULL)
        {
          if (token_message == NULL)
            g_string_append_printf (detail, _("Token from %s: %s\n"), realm, error->message);
          else
            g_string_append_printf (detail, _("Token from %s: %u %s, no token\n"), realm,
                                    soup_message_get_status (token_message),
                                    soup_message_get_reason_phrase (token_message));
          target->problem = g_strdup (_("its token service gave no token"));
          return MATOU_CHECK_FAILED;
        }
      g_string_append_printf (detail, _("Token from %s: received\n"), realm);
    }
  else if (status == 404 || (status != 200 && status != 401))
    {
      target->problem = g_strdup_printf (_("it answers %u on /v2/: not a registry"), status);
      return MATOU_CHECK_FAILED;
    }

  head = send_sync (session, "HEAD", manifest_url, token, run->cancellable, NULL, &error);
  if (head == NULL)
    {
      g_string_append_printf (detail, _("HEAD %s: %s\n"), manifest_url, error->message);
      target->problem = g_strdup (error->message);
      return MATOU_CHECK_FAILED;
    }
  status = soup_message_get_status (head);
  g_string_append_printf (detail, "HEAD %s: %u %s\n", manifest_url, status, soup_message_get_reason_phrase (head));
  headers = soup_message_get_response_headers (head);
  limit = soup_message_headers_get_one (headers, "RateLimit-Limit");
  remaining = soup_message_headers_get_one (headers, "RateLimit-Remaining");
  if (limit != NULL || remaining != NULL)
    {
      g_string_append_printf (detail, _("Pull limit: %s, remaining: %s (a HEAD does not count)\n"),
                              limit != NULL ? limit : "?", remaining != NULL ? remaining : "?");
      if (remaining != NULL && g_ascii_strtoull (remaining, NULL, 10) == 0 && g_ascii_isdigit (remaining[0]))
        *rate_limited = TRUE;
    }

  if (status == 200)
    {
      target->works = TRUE;
      return *rate_limited ? MATOU_CHECK_WARNING : MATOU_CHECK_OK;
    }
  if (status == 429)
    {
      *rate_limited = TRUE;
      target->problem = g_strdup (_("it says the pull limit is reached (429)"));
      return MATOU_CHECK_WARNING;
    }
  if (status == 401)
    target->problem = g_strdup (_("it asks for a login"));
  else if (status == 404)
    target->problem = g_strdup (_("it does not have library/hello-world (some mirrors serve only some images)"));
  else
    target->problem = g_strdup_printf (_("it answers %u for the manifest"), status);

  return target->is_hub ? MATOU_CHECK_FAILED : MATOU_CHECK_WARNING;
}

void
matou_doctor_stage_registry (MatouDoctorRun *run)
{
  MatouDoctorTarget *hub = g_ptr_array_index (run->targets, 0);
  g_autoptr(GString) detail = g_string_new (NULL);
  MatouCheck *check;
  guint n_mirrors = 0, n_working = 0, n_tried = 0;
  MatouCheckState worst = MATOU_CHECK_OK;

  if (!hub->reached)
    matou_doctor_run_skip (run, "registry.hub", MATOU_STAGE_REGISTRY, _("Docker Hub’s handshake"),
                           _("Not run: Docker Hub does not answer (see Reachability)."));
  else
    {
      gboolean rate_limited = FALSE;
      MatouCheckState state = handshake (run, hub, detail, &rate_limited);

      chomp (detail);
      if (state == MATOU_CHECK_OK)
        matou_doctor_run_add (run, matou_check_new ("registry.hub", MATOU_STAGE_REGISTRY, state,
                                                    _("Docker Hub gives the test image’s manifest"), detail->str, NULL));
      else
        {
          check = matou_doctor_run_add (run, matou_check_new ("registry.hub", MATOU_STAGE_REGISTRY, state,
                                                              rate_limited ? _("Docker Hub’s pull limit is reached") : _("Docker Hub’s handshake fails"),
                                                              detail->str,
                                                              rate_limited ? _("Docker Hub limits anonymous pulls per IP address. Log in (docker login), wait, or use a registry mirror.")
                                                                           : _("Docker Hub answers, but does not give the manifest of library/hello-world. A proxy or firewall in between may be changing the answers.")));
          matou_check_set_fix_settings (check, _("Add a registry mirror"), "mirrors", NULL);
        }
    }

  g_string_truncate (detail, 0);
  for (guint i = 1; i < run->targets->len; i++)
    {
      MatouDoctorTarget *target = g_ptr_array_index (run->targets, i);
      gboolean rate_limited = FALSE;
      MatouCheckState state;

      n_mirrors++;
      if (!target->reached)
        {
          g_string_append_printf (detail, _("%s: not tried, it does not answer\n"), target->url);
          continue;
        }
      n_tried++;
      state = handshake (run, target, detail, &rate_limited);
      if (state == MATOU_CHECK_OK)
        n_working++;
      else
        g_string_append_printf (detail, _("%s: %s\n"), target->url, target->problem);
      if (state > worst && state != MATOU_CHECK_SKIPPED)
        worst = state;
    }
  chomp (detail);
  if (n_mirrors == 0)
    matou_doctor_run_skip (run, "registry.mirrors", MATOU_STAGE_REGISTRY, _("The registry mirrors’ handshake"),
                           _("No registry mirror is configured."));
  else if (n_tried == 0)
    matou_doctor_run_skip (run, "registry.mirrors", MATOU_STAGE_REGISTRY, _("The registry mirrors’ handshake"),
                           _("Not run: no registry mirror answers (see Reachability)."));
  else if (n_working == n_mirrors)
    matou_doctor_run_add (run, matou_check_new ("registry.mirrors", MATOU_STAGE_REGISTRY, MATOU_CHECK_OK,
                                                _("Every registry mirror gives the test image’s manifest"), detail->str, NULL));
  else
    {
      check = matou_doctor_run_add (run, matou_check_new ("registry.mirrors", MATOU_STAGE_REGISTRY,
                                                          n_working == 0 && !hub->works ? MATOU_CHECK_FAILED : MATOU_CHECK_WARNING,
                                                          _("A registry mirror does not serve the test image"), detail->str,
                                                          _("A mirror that answers but does not serve images makes the daemon fall back to Docker Hub, or fail when Docker Hub is unreachable.")));
      matou_check_set_fix_settings (check, _("Check the registry mirrors"), "mirrors", NULL);
    }
}
