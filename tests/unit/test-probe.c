/* Mirror, download and proxy probes against loopback servers this test runs itself: verdicts, timing, parallelism. */
#include <string.h>
#include <libsoup/soup.h>

#include "matou-presets.h"
#include "matou-probe.h"
#include "matou-test-util.h"
#include "matou-proxy-probe.h"

/* A self-signed certificate for 127.0.0.1, valid until 2126: only for the
 * "certificate not trusted" case. */
static const char test_certificate[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBtjCCAVygAwIBAgIUWVOKrqHH88lq2MKo0pywfziyA+swCgYIKoZIzj0EAwIw\n"
  "HTEbMBkGA1UEAwwSbWF0b3UtdGVzdC5pbnZhbGlkMCAXDTI2MTEyOTA1MzA0NFoY\n"
  "DzIxMjYxMTA1MDUzMDQ0WjAdMRswGQYDVQQDDBJtYXRvdS10ZXN0LmludmFsaWQw\n"
  "WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAT77nsPCcKD+EgaTslf5XJY3+zmgsaB\n"
  "Oqryc35LgVtD6OR/LReYSOY7sGuBJb+RvXaPlImgxUhvsyxLQ5Fit6bPo3gwdjAd\n"
  "BgNVHQ4EFgQUfycjhCX6Ek7dexpjOHzB6hFJYekwHwYDVR0jBBgwFoAUfycjhCX6\n"
  "Ek7dexpjOHzB6hFJYekwDwYDVR0TAQH/BAUwAwEB/zAjBgNVHREEHDAaghJtYXRv\n"
  "dS10ZXN0LmludmFsaWSHBH8AAAEwCgYIKoZIzj0EAwIDSAAwRQIhAIAajUZPX7wI\n"
  "xTTO1I984wtqONYaPupQAqJBn+KLy4RtAiBWbuLrewvvNNhFAKRcm0XOsqxLkXOu\n"
  "qc8meM68EmmakQ==\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgx13MTwl1zZsajOft\n"
  "3Y7eAuUrb9Ius+eIVu33RkcKU/6hRANCAAT77nsPCcKD+EgaTslf5XJY3+zmgsaB\n"
  "Oqryc35LgVtD6OR/LReYSOY7sGuBJb+RvXaPlImgxUhvsyxLQ5Fit6bP\n"
  "-----END PRIVATE KEY-----\n";

#define SLOW_MS 800
#define FILE_SIZE (48 * 1024)

typedef struct {
  SoupServer *http;        /* the registry, web and file server */
  SoupServer *tls;         /* the same handlers behind a self-signed certificate */
  SoupServer *proxy;       /* an HTTP proxy for http:// targets */
  SoupServer *auth_proxy;  /* the same, asking for user "matou", password "s3cret" */
  GSocket    *silent[2];   /* accept connections (the kernel does) and never answer */
  GSocketService *plain;   /* answers every connection at once with a plain-HTTP 400, as nginx does to a TLS hello */
  GSocketService *ssh;     /* answers every connection with an SSH banner: not HTTP at all */
  guint       plain_port;
  guint       ssh_port;
  GSocketService *tunnel;        /* a CONNECT proxy; tunnels every host to the self-signed server */
  GSocketService *auth_tunnel;   /* the same, asking for user "matou", password "s3cret" */
  guint       tunnel_port;
  guint       auth_tunnel_port;
  guint       http_port;
  guint       tls_port;
  guint       proxy_port;
  guint       auth_proxy_port;
  guint       silent_port[2];
  guint       closed_port;
  GBytes     *file;
} Servers;

static guint
server_port (SoupServer *server)
{
  GSList *uris = soup_server_get_uris (server);
  guint port = g_uri_get_port (uris->data);

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return port;
}

static gboolean
unpause_message (gpointer user_data)
{
  SoupServerMessage *msg = user_data;
  SoupServer *server = g_object_get_data (G_OBJECT (msg), "server");

  soup_server_unpause_message (server, msg);
  g_object_unref (msg);

  return G_SOURCE_REMOVE;
}

/* Answers later without blocking the loop the probes run in. */
static void
answer_later (SoupServer        *server,
              SoupServerMessage *msg,
              guint              ms)
{
  g_object_set_data (G_OBJECT (msg), "server", server);
  soup_server_pause_message (server, msg);
  g_timeout_add (ms, unpause_message, g_object_ref (msg));
}

static void
registry_answer (SoupServerMessage *msg,
                 guint              status,
                 gboolean           registry_header,
                 const char        *challenge)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, status, NULL);
  if (registry_header)
    soup_message_headers_replace (headers, "Docker-Distribution-API-Version", "registry/2.0");
  if (challenge != NULL)
    soup_message_headers_replace (headers, "WWW-Authenticate", challenge);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Servers *s = user_data;
  const char *challenge = "Bearer realm=\"https://auth.example.invalid/token\",service=\"registry.example.invalid\"";

  if (g_str_equal (path, "/ok/v2/"))
    registry_answer (msg, SOUP_STATUS_OK, TRUE, NULL);
  else if (g_str_equal (path, "/slow/v2/"))
    {
      registry_answer (msg, SOUP_STATUS_OK, TRUE, NULL);
      answer_later (server, msg, SLOW_MS);
    }
  else if (g_str_equal (path, "/auth/v2/") || g_str_equal (path, "/v2/"))
    registry_answer (msg, SOUP_STATUS_UNAUTHORIZED, TRUE, challenge);
  else if (g_str_equal (path, "/noauth/v2/"))
    registry_answer (msg, SOUP_STATUS_UNAUTHORIZED, FALSE, NULL);
  else if (g_str_equal (path, "/forbidden/v2/"))
    registry_answer (msg, SOUP_STATUS_FORBIDDEN, FALSE, NULL);
  else if (g_str_equal (path, "/busy/v2/"))
    registry_answer (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, FALSE, NULL);
  else if (g_str_equal (path, "/web/v2/"))
    {
      const char *page = "<html><body>Log in to the Wi-Fi</body></html>";

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
    }
  else if (g_str_equal (path, "/docker-ce/linux/ubuntu/gpg") || g_str_equal (path, "/slow-ce/linux/ubuntu/gpg"))
    {
      gsize size;
      const char *data = g_bytes_get_data (s->file, &size);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/pgp-keys", SOUP_MEMORY_COPY, data, size);
      if (g_str_has_prefix (path, "/slow-ce/"))
        answer_later (server, msg, SLOW_MS);
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

/* A proxy for http:// targets: it is asked with the target's full URL and
 * answers as the target would. */
static void
on_proxy_request (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  gboolean wants_auth = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (server), "wants-auth"));
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  GUri *uri = soup_server_message_get_uri (msg);

  if (wants_auth)
    {
      g_autofree char *expected = NULL;
      g_autofree char *encoded = g_base64_encode ((const guchar *) "matou:s3cret", strlen ("matou:s3cret"));

      expected = g_strconcat ("Basic ", encoded, NULL);
      if (g_strcmp0 (soup_message_headers_get_one (request, "Proxy-Authorization"), expected) != 0)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_PROXY_UNAUTHORIZED, NULL);
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "Proxy-Authenticate", "Basic realm=\"test proxy\"");
          return;
        }
    }

  /* Only names under .invalid are "reachable" through this proxy. */
  if (!g_str_has_suffix (g_uri_get_host (uri), ".invalid") || g_str_has_prefix (g_uri_get_host (uri), "down."))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_BAD_GATEWAY, NULL);
      return;
    }

  if (g_str_equal (path, "/v2/"))
    registry_answer (msg, SOUP_STATUS_UNAUTHORIZED, TRUE, "Bearer realm=\"https://auth.example.invalid/token\"");
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static SoupServer *
start_server (GTlsCertificate    *certificate,
              SoupServerCallback  callback,
              gpointer            data)
{
  g_autoptr(GError) error = NULL;
  SoupServer *server = soup_server_new ("tls-certificate", certificate, NULL);

  soup_server_add_handler (server, NULL, callback, data, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY |
                            (certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0), &error);
  g_assert_no_error (error);

  return server;
}

static gboolean
on_canned_incoming (GSocketService    *service,
                    GSocketConnection *connection,
                    GObject           *source,
                    gpointer           user_data)
{
  const char *answer = user_data;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  /* A few bytes to a loopback socket: this never blocks. */
  g_output_stream_write_all (out, answer, strlen (answer), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return TRUE;
}

static GSocketService *
start_canned (const char *answer,
              guint      *port)
{
  g_autoptr(GError) error = NULL;
  GSocketService *service = g_socket_service_new ();

  *port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (on_canned_incoming), (gpointer) answer);
  g_socket_service_start (service);

  return service;
}

static gboolean
proxy_authorised (const char *header)
{
  g_autofree char *encoded = g_base64_encode ((const guchar *) "matou:s3cret", strlen ("matou:s3cret"));
  g_autofree char *expected = g_strconcat ("Basic ", encoded, NULL);

  return g_strcmp0 (header, expected) == 0;
}

/* A CONNECT proxy, one worker thread per connection (blocking I/O is fine
 * there): refuses hosts named forbidden.*, asks for credentials when told
 * to, and tunnels everything else to the self-signed TLS server. */
static gboolean
on_tunnel_run (GThreadedSocketService *service,
               GSocketConnection      *connection,
               GObject                *source,
               gpointer                user_data)
{
  Servers *s = user_data;
  gboolean wants_auth = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (service), "wants-auth"));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));

  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (in), FALSE);
  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);

  for (;;)
    {
      g_autofree char *request_line = g_data_input_stream_read_line (in, NULL, NULL, NULL);
      g_autofree char *authorisation = NULL;
      const char *answer;

      if (request_line == NULL)
        return TRUE;

      for (;;)
        {
          g_autofree char *line = g_data_input_stream_read_line (in, NULL, NULL, NULL);

          if (line == NULL)
            return TRUE;
          if (*line == '\0')
            break;
          if (g_ascii_strncasecmp (line, "Proxy-Authorization: ", 21) == 0)
            authorisation = g_strdup (line + 21);
        }

      if (wants_auth && !proxy_authorised (authorisation))
        answer = "HTTP/1.1 407 Proxy Authentication Required\r\n"
                 "Proxy-Authenticate: Basic realm=\"test proxy\"\r\nContent-Length: 0\r\n\r\n";
      else if (!g_str_has_prefix (request_line, "CONNECT ") || strstr (request_line, " forbidden.") != NULL)
        answer = "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n";
      else
        {
          g_autoptr(GSocketClient) client = g_socket_client_new ();
          g_autoptr(GSocketConnection) target = NULL;
          const char *established = "HTTP/1.1 200 Connection established\r\n\r\n";

          g_autoptr(GError) error = NULL;

          /* Not through the environment's (dead) proxy that main () sets. */
          g_socket_client_set_enable_proxy (client, FALSE);
          target = g_socket_client_connect_to_host (client, "127.0.0.1", s->tls_port, NULL, &error);
          g_assert_no_error (error);
          g_output_stream_write_all (out, established, strlen (established), NULL, NULL, NULL);
          /* Runs in the default main context, which the test iterates. */
          g_io_stream_splice_async (G_IO_STREAM (connection), G_IO_STREAM (target),
                                    G_IO_STREAM_SPLICE_NONE, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
          return TRUE;
        }

      if (!g_output_stream_write_all (out, answer, strlen (answer), NULL, NULL, NULL))
        return TRUE;
    }
}

static GSocketService *
start_tunnel (Servers  *s,
              gboolean  wants_auth,
              guint    *port)
{
  g_autoptr(GError) error = NULL;
  GSocketService *service = g_threaded_socket_service_new (4);

  *port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_object_set_data (G_OBJECT (service), "wants-auth", GINT_TO_POINTER (wants_auth));
  g_signal_connect (service, "run", G_CALLBACK (on_tunnel_run), s);
  g_socket_service_start (service);

  return service;
}

static GSocket *
bind_loopback (GSocketType  type,
               guint       *port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, type, G_SOCKET_PROTOCOL_DEFAULT, &error);

  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  return socket;
}

static void
servers_setup (Servers       *s,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_pem (test_certificate, -1, &error);
  g_autofree guint8 *content = g_malloc (FILE_SIZE);
  g_autoptr(GSocket) closed = NULL;

  g_assert_no_error (error);

  for (gsize i = 0; i < FILE_SIZE; i++)
    content[i] = 'A' + i % 26;
  s->file = g_bytes_new (content, FILE_SIZE);

  s->http = start_server (NULL, on_request, s);
  s->tls = start_server (certificate, on_request, s);
  s->proxy = start_server (NULL, on_proxy_request, s);
  s->auth_proxy = start_server (NULL, on_proxy_request, s);
  g_object_set_data (G_OBJECT (s->auth_proxy), "wants-auth", GINT_TO_POINTER (TRUE));
  s->http_port = server_port (s->http);
  s->tls_port = server_port (s->tls);
  s->proxy_port = server_port (s->proxy);
  s->auth_proxy_port = server_port (s->auth_proxy);

  for (guint i = 0; i < G_N_ELEMENTS (s->silent); i++)
    {
      s->silent[i] = bind_loopback (G_SOCKET_TYPE_STREAM, &s->silent_port[i]);
      g_socket_listen (s->silent[i], &error);
      g_assert_no_error (error);
    }

  s->plain = start_canned ("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", &s->plain_port);
  s->ssh = start_canned ("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n", &s->ssh_port);
  s->tunnel = start_tunnel (s, FALSE, &s->tunnel_port);
  s->auth_tunnel = start_tunnel (s, TRUE, &s->auth_tunnel_port);

  /* A port nobody listens on: bound to learn a free number, then closed. */
  closed = bind_loopback (G_SOCKET_TYPE_STREAM, &s->closed_port);
  g_socket_close (closed, NULL);
}

static void
servers_teardown (Servers       *s,
                  gconstpointer  data)
{
  soup_server_disconnect (s->http);
  soup_server_disconnect (s->tls);
  soup_server_disconnect (s->proxy);
  soup_server_disconnect (s->auth_proxy);
  g_clear_object (&s->http);
  g_clear_object (&s->tls);
  g_clear_object (&s->proxy);
  g_clear_object (&s->auth_proxy);
  for (guint i = 0; i < G_N_ELEMENTS (s->silent); i++)
    g_clear_object (&s->silent[i]);
  g_socket_service_stop (s->plain);
  g_socket_service_stop (s->ssh);
  g_socket_listener_close (G_SOCKET_LISTENER (s->plain));
  g_socket_listener_close (G_SOCKET_LISTENER (s->ssh));
  g_clear_object (&s->plain);
  g_clear_object (&s->ssh);
  g_socket_service_stop (s->tunnel);
  g_socket_service_stop (s->auth_tunnel);
  g_socket_listener_close (G_SOCKET_LISTENER (s->tunnel));
  g_socket_listener_close (G_SOCKET_LISTENER (s->auth_tunnel));
  g_clear_object (&s->tunnel);
  g_clear_object (&s->auth_tunnel);
  g_clear_pointer (&s->file, g_bytes_unref);
}

static GPtrArray *
probe_many (const char * const *urls,
            MatouProbeKind      kind,
            const char         *proxy,
            guint               timeout,
            double             *total)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  GPtrArray *results;

  matou_probe_many_async (urls, kind, proxy, timeout, NULL, matou_test_on_done, &result);
  results = matou_probe_many_finish (matou_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);
  g_assert_cmpuint (results->len, ==, g_strv_length ((char **) urls));
  if (total != NULL)
    *total = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  for (guint i = 0; i < results->len; i++)
    {
      MatouProbeResult *r = g_ptr_array_index (results, i);

      g_assert_cmpstr (r->url, ==, urls[i]);
      g_assert_nonnull (r->detail);
      g_test_message ("%s → %s, %u, %.3f s, %" G_GSIZE_FORMAT " bytes: %s",
                      r->url, matou_probe_verdict_get_label (r->verdict), r->status, r->seconds, r->bytes, r->detail);
    }

  return results;
}

static MatouProbeResult *
probe_proxy (const char *proxy,
             const char *target,
             guint       timeout)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MatouProbeResult *r;

  matou_probe_through_proxy_async (proxy, target, timeout, NULL, matou_test_on_done, &result);
  r = matou_probe_through_proxy_finish (matou_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_test_message ("via %s: %s → %s, %u, %.3f s: %s", proxy, r->url,
                  matou_probe_verdict_get_label (r->verdict), r->status, r->seconds, r->detail);

  return r;
}

static void
assert_detail_has (const MatouProbeResult *r,
                   const char             *text)
{
  if (strstr (r->detail, text) == NULL)
    g_error ("the detail for %s lacks “%s”: %s", r->url, text, r->detail);
}

#define RESULT(results, i) ((MatouProbeResult *) g_ptr_array_index ((results), (i)))

/* Every verdict at once: each is right, and the whole takes about as long as
 * the slowest probe, not the sum. */
static void
test_registry_verdicts (Servers       *s,
                        gconstpointer  data)
{
  g_autofree char *ok = g_strdup_printf ("http://127.0.0.1:%u/ok", s->http_port);
  g_autofree char *ok_slash = g_strdup_printf ("http://127.0.0.1:%u/ok/", s->http_port);
  g_autofree char *auth = g_strdup_printf ("http://127.0.0.1:%u/auth", s->http_port);
  g_autofree char *root = g_strdup_printf ("http://127.0.0.1:%u", s->http_port);
  g_autofree char *notfound = g_strdup_printf ("http://127.0.0.1:%u/nothing-here", s->http_port);
  g_autofree char *noauth = g_strdup_printf ("http://127.0.0.1:%u/noauth", s->http_port);
  g_autofree char *web = g_strdup_printf ("http://127.0.0.1:%u/web", s->http_port);
  g_autofree char *forbidden = g_strdup_printf ("http://127.0.0.1:%u/forbidden", s->http_port);
  g_autofree char *busy = g_strdup_printf ("http://127.0.0.1:%u/busy", s->http_port);
  g_autofree char *slow = g_strdup_printf ("http://127.0.0.1:%u/slow", s->http_port);
  g_autofree char *silent0 = g_strdup_printf ("http://127.0.0.1:%u", s->silent_port[0]);
  g_autofree char *silent1 = g_strdup_printf ("https://127.0.0.1:%u", s->silent_port[1]);
  g_autofree char *not_tls = g_strdup_printf ("https://127.0.0.1:%u/ok", s->plain_port);
  g_autofree char *not_http = g_strdup_printf ("http://127.0.0.1:%u", s->ssh_port);
  g_autofree char *self_signed = g_strdup_printf ("https://127.0.0.1:%u/ok", s->tls_port);
  g_autofree char *refused = g_strdup_printf ("http://127.0.0.1:%u", s->closed_port);
  const char *urls[] = {
    ok, ok_slash, auth, root, notfound, noauth, web, forbidden, busy, slow,
    silent0, silent1, not_tls, self_signed, refused, not_http,
    "https://registry.matou-test.invalid", "ftp://example.invalid", "no address", NULL,
  };
  const struct {
    MatouProbeVerdict verdict;
    guint             status;
    const char       *detail;
  } expected[] = {
    { MATOU_PROBE_OK, 200, "registry" },
    { MATOU_PROBE_OK, 200, "registry" },
    { MATOU_PROBE_OK, 401, "registry" },
    { MATOU_PROBE_OK, 401, "registry" },
    { MATOU_PROBE_NOT_REGISTRY, 404, "404" },
    { MATOU_PROBE_NOT_REGISTRY, 401, "login" },
    { MATOU_PROBE_NOT_REGISTRY, 200, "web page" },
    { MATOU_PROBE_HTTP_ERROR, 403, "403" },
    { MATOU_PROBE_HTTP_ERROR, 503, "503" },
    { MATOU_PROBE_OK, 200, "registry" },
    { MATOU_PROBE_TIMEOUT, 0, "2 s" },
    { MATOU_PROBE_TIMEOUT, 0, "2 s" },
    { MATOU_PROBE_TLS_ERROR, 0, "http://" },
    { MATOU_PROBE_TLS_ERROR, 0, "certificate" },
    { MATOU_PROBE_UNREACHABLE, 0, "refused" },
    { MATOU_PROBE_NOT_REGISTRY, 0, "not a registry" },
    { MATOU_PROBE_DNS_ERROR, 0, "registry.matou-test.invalid" },
    { MATOU_PROBE_UNREACHABLE, 0, "ftp://example.invalid" },
    { MATOU_PROBE_UNREACHABLE, 0, "no address" },
  };
  g_autoptr(GPtrArray) results = NULL;
  double total, sum = 0, slowest = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == G_N_ELEMENTS (urls) - 1);

  results = probe_many (urls, MATOU_PROBE_REGISTRY, NULL, 2, &total);

  for (guint i = 0; i < results->len; i++)
    {
      MatouProbeResult *r = RESULT (results, i);

      if (r->verdict != expected[i].verdict)
        g_error ("%s: verdict %s, expected %s (%s)", r->url,
                 matou_probe_verdict_get_label (r->verdict),
                 matou_probe_verdict_get_label (expected[i].verdict), r->detail);
      g_assert_cmpuint (r->status, ==, expected[i].status);
      assert_detail_has (r, expected[i].detail);
      g_assert_cmpfloat (r->seconds, >=, 0);
      g_assert_cmpfloat (r->seconds, <, 2 + 1.0);
      sum += r->seconds;
      slowest = MAX (slowest, r->seconds);
    }

  /* The silent servers take the whole timeout; the slow one its delay. */
  g_assert_cmpfloat (RESULT (results, 10)->seconds, >=, 1.9);
  g_assert_cmpfloat (RESULT (results, 11)->seconds, >=, 1.9);
  g_assert_cmpfloat (RESULT (results, 9)->seconds, >=, SLOW_MS / 1000.0 - 0.05);
  g_assert_cmpfloat (RESULT (results, 0)->seconds, <, RESULT (results, 9)->seconds);

  g_test_message ("total %.3f s, slowest %.3f s, sum %.3f s", total, slowest, sum);
  /* In parallel, not one after another: most of the time of all but the
   * slowest probe overlaps with it. A bound relative to the sum, so that a
   * loaded machine, which slows every probe alike, does not fail it. */
  g_assert_cmpfloat (total, <, sum);
  g_assert_cmpfloat (total, <, slowest + (sum - slowest) / 2);
}

/* DOWNLOAD reads the whole body, and sorting puts the fast mirror first,
 * the slow one second, and failures last in their order. */
static void
test_download_and_sort (Servers       *s,
                        gconstpointer  data)
{
  g_autofree char *slow = g_strdup_printf ("http://127.0.0.1:%u/slow-ce/linux/ubuntu/gpg", s->http_port);
  g_autofree char *missing = g_strdup_printf ("http://127.0.0.1:%u/none/linux/ubuntu/gpg", s->http_port);
  g_autofree char *fast = g_strdup_printf ("http://127.0.0.1:%u/docker-ce/linux/ubuntu/gpg", s->http_port);
  g_autofree char *refused = g_strdup_printf ("http://127.0.0.1:%u/docker-ce/linux/ubuntu/gpg", s->closed_port);
  const char *urls[] = { slow, missing, fast, refused, NULL };
  g_autoptr(GPtrArray) results = probe_many (urls, MATOU_PROBE_DOWNLOAD, NULL, 5, NULL);

  g_assert_cmpint (RESULT (results, 0)->verdict, ==, MATOU_PROBE_OK);
  g_assert_cmpuint (RESULT (results, 0)->bytes, ==, FILE_SIZE);
  g_assert_cmpfloat (RESULT (results, 0)->seconds, >=, SLOW_MS / 1000.0 - 0.05);
  g_assert_cmpint (RESULT (results, 1)->verdict, ==, MATOU_PROBE_HTTP_ERROR);
  g_assert_cmpuint (RESULT (results, 1)->status, ==, 404);
  assert_detail_has (RESULT (results, 1), "404");
  g_assert_cmpint (RESULT (results, 2)->verdict, ==, MATOU_PROBE_OK);
  g_assert_cmpuint (RESULT (results, 2)->status, ==, 200);
  g_assert_cmpuint (RESULT (results, 2)->bytes, ==, FILE_SIZE);
  assert_detail_has (RESULT (results, 2), "49.2");  /* g_format_size: 49152 bytes, in SI units */
  g_assert_cmpint (RESULT (results, 3)->verdict, ==, MATOU_PROBE_UNREACHABLE);

  matou_probe_results_sort (results);
  g_assert_cmpstr (RESULT (results, 0)->url, ==, fast);
  g_assert_cmpstr (RESULT (results, 1)->url, ==, slow);
  g_assert_cmpstr (RESULT (results, 2)->url, ==, missing);
  g_assert_cmpstr (RESULT (results, 3)->url, ==, refused);
}

/* A download that does not finish in time is a timeout that says how much came. */
static void
test_download_timeout (Servers       *s,
                       gconstpointer  data)
{
  g_autofree char *slow = g_strdup_printf ("http://127.0.0.1:%u/slow-ce/linux/ubuntu/gpg", s->http_port);
  g_autofree char *silent = g_strdup_printf ("http://127.0.0.1:%u/file", s->silent_port[0]);
  const char *urls[] = { slow, silent, NULL };
  g_autoptr(GPtrArray) results = probe_many (urls, MATOU_PROBE_DOWNLOAD, NULL, 3, NULL);

  /* 800 ms of a 3 s deadline: in time, with room for a loaded machine. */
  g_assert_cmpint (RESULT (results, 0)->verdict, ==, MATOU_PROBE_OK);
  g_assert_cmpfloat (RESULT (results, 0)->seconds, >=, SLOW_MS / 1000.0 - 0.05);
  g_assert_cmpint (RESULT (results, 1)->verdict, ==, MATOU_PROBE_TIMEOUT);
  g_assert_cmpfloat (RESULT (results, 1)->seconds, >=, 2.95);
  g_assert_cmpfloat (RESULT (results, 1)->seconds, <, 3 + 1.5);
}

/* Probes go direct unless told otherwise, whatever the environment says
 * (main() points http_proxy at a dead port); with a proxy, through it. */
static void
test_registry_through_proxy (Servers       *s,
                             gconstpointer  data)
{
  g_autofree char *ok = g_strdup_printf ("http://127.0.0.1:%u/ok", s->http_port);
  g_autofree char *proxy = g_strdup_printf ("http://127.0.0.1:%u", s->proxy_port);
  const char *direct_urls[] = { ok, NULL };
  const char *proxied_urls[] = { "http://mirror.matou-test.invalid", "http://down.matou-test.invalid", NULL };
  g_autoptr(GPtrArray) direct = probe_many (direct_urls, MATOU_PROBE_REGISTRY, NULL, 3, NULL);
  g_autoptr(GPtrArray) proxied = probe_many (proxied_urls, MATOU_PROBE_REGISTRY, proxy, 3, NULL);

  g_assert_cmpint (RESULT (direct, 0)->verdict, ==, MATOU_PROBE_OK);
  /* The name under .invalid never resolves here: only the proxy knows it. */
  g_assert_cmpint (RESULT (proxied, 0)->verdict, ==, MATOU_PROBE_OK);
  g_assert_cmpuint (RESULT (proxied, 0)->status, ==, 401);
  g_assert_cmpint (RESULT (proxied, 1)->verdict, ==, MATOU_PROBE_HTTP_ERROR);
  g_assert_cmpuint (RESULT (proxied, 1)->status, ==, 502);
  assert_detail_has (RESULT (proxied, 1), "The proxy at");
}

static void
test_proxy_probe (Servers       *s,
                  gconstpointer  data)
{
  g_autofree char *proxy = g_strdup_printf ("http://127.0.0.1:%u", s->proxy_port);
  g_autofree char *auth_proxy = g_strdup_printf ("http://127.0.0.1:%u", s->auth_proxy_port);
  g_autofree char *auth_proxy_good = g_strdup_printf ("http://matou:s3cret@127.0.0.1:%u", s->auth_proxy_port);
  g_autofree char *auth_proxy_bad = g_strdup_printf ("http://matou:wrong-pw@127.0.0.1:%u", s->auth_proxy_port);
  g_autofree char *dead_proxy = g_strdup_printf ("http://127.0.0.1:%u", s->closed_port);
  g_autofree char *silent_proxy = g_strdup_printf ("http://127.0.0.1:%u", s->silent_port[0]);
  const char *hub = "http://registry-1.docker.invalid/v2/";
  g_autoptr(MatouProbeResult) works = probe_proxy (proxy, hub, 3);
  g_autoptr(MatouProbeResult) unreachable_target = probe_proxy (proxy, "http://down.docker.invalid/v2/", 3);
  g_autoptr(MatouProbeResult) needs_auth = probe_proxy (auth_proxy, hub, 3);
  g_autoptr(MatouProbeResult) auth_ok = probe_proxy (auth_proxy_good, hub, 3);
  g_autoptr(MatouProbeResult) auth_bad = probe_proxy (auth_proxy_bad, hub, 3);
  g_autoptr(MatouProbeResult) refused = probe_proxy (dead_proxy, hub, 3);
  g_autoptr(MatouProbeResult) silent = probe_proxy (silent_proxy, hub, 1);
  g_autoptr(MatouProbeResult) none = probe_proxy (NULL, hub, 3);
  g_autoptr(MatouProbeResult) bad = probe_proxy ("proxy.example.com:3128", hub, 3);

  g_assert_cmpint (works->verdict, ==, MATOU_PROBE_OK);
  g_assert_cmpuint (works->status, ==, 401);
  g_assert_cmpstr (works->url, ==, hub);
  assert_detail_has (works, "proxy works");

  g_assert_cmpint (unreachable_target->verdict, ==, MATOU_PROBE_HTTP_ERROR);
  g_assert_cmpuint (unreachable_target->status, ==, 502);
  assert_detail_has (unreachable_target, "could not reach");

  g_assert_cmpint (needs_auth->verdict, ==, MATOU_PROBE_UNREACHABLE);
  g_assert_cmpuint (needs_auth->status, ==, 407);
  assert_detail_has (needs_auth, "user name and password");

  g_assert_cmpint (auth_ok->verdict, ==, MATOU_PROBE_OK);
  g_assert_null (strstr (auth_ok->detail, "s3cret"));

  g_assert_cmpint (auth_bad->verdict, ==, MATOU_PROBE_UNREACHABLE);
  g_assert_cmpuint (auth_bad->status, ==, 407);
  assert_detail_has (auth_bad, "did not accept");
  g_assert_null (strstr (auth_bad->detail, "wrong-pw"));

  g_assert_cmpint (refused->verdict, ==, MATOU_PROBE_UNREACHABLE);
  assert_detail_has (refused, "proxy");
  assert_detail_has (refused, "refused");

  g_assert_cmpint (silent->verdict, ==, MATOU_PROBE_TIMEOUT);
  assert_detail_has (silent, "proxy");

  g_assert_cmpint (none->verdict, ==, MATOU_PROBE_UNREACHABLE);
  g_assert_cmpint (bad->verdict, ==, MATOU_PROBE_UNREACHABLE);
}

/* An https:// target goes through the proxy as a CONNECT tunnel. Through
 * the tunnel the test's self-signed server answers: its certificate is the
 * target's problem, seen through a working proxy. A refused tunnel, or
 * missing or wrong credentials, is the proxy's. */
static void
test_proxy_tunnel (Servers       *s,
                   gconstpointer  data)
{
  g_autofree char *tunnel = g_strdup_printf ("http://127.0.0.1:%u", s->tunnel_port);
  g_autofree char *auth_tunnel = g_strdup_printf ("http://127.0.0.1:%u", s->auth_tunnel_port);
  g_autofree char *auth_tunnel_good = g_strdup_printf ("http://matou:s3cret@127.0.0.1:%u", s->auth_tunnel_port);
  g_autofree char *auth_tunnel_bad = g_strdup_printf ("http://matou:wrong-pw@127.0.0.1:%u", s->auth_tunnel_port);
  const char *hub = "https://registry-1.docker.invalid/v2/";
  g_autoptr(MatouProbeResult) through = probe_proxy (tunnel, hub, 3);
  g_autoptr(MatouProbeResult) forbidden = probe_proxy (tunnel, "https://forbidden.docker.invalid/v2/", 3);
  g_autoptr(MatouProbeResult) needs_auth = probe_proxy (auth_tunnel, hub, 3);
  g_autoptr(MatouProbeResult) auth_ok = probe_proxy (auth_tunnel_good, hub, 3);
  g_autoptr(MatouProbeResult) auth_bad = probe_proxy (auth_tunnel_bad, hub, 3);

  g_assert_cmpint (through->verdict, ==, MATOU_PROBE_TLS_ERROR);
  assert_detail_has (through, "certificate");

  g_assert_cmpint (forbidden->verdict, ==, MATOU_PROBE_UNREACHABLE);
  g_assert_cmpuint (forbidden->status, ==, 403);
  assert_detail_has (forbidden, "proxy");

  g_assert_cmpint (needs_auth->verdict, ==, MATOU_PROBE_UNREACHABLE);
  g_assert_cmpuint (needs_auth->status, ==, 407);
  assert_detail_has (needs_auth, "user name and password");

  g_assert_cmpint (auth_ok->verdict, ==, MATOU_PROBE_TLS_ERROR);
  assert_detail_has (auth_ok, "certificate");
  g_assert_null (strstr (auth_ok->detail, "s3cret"));

  g_assert_cmpint (auth_bad->verdict, ==, MATOU_PROBE_UNREACHABLE);
  g_assert_cmpuint (auth_bad->status, ==, 407);
  assert_detail_has (auth_bad, "did not accept");
  g_assert_null (strstr (auth_bad->detail, "wrong-pw"));
}

static void
test_cancel (Servers       *s,
             gconstpointer  data)
{
  g_autofree char *silent = g_strdup_printf ("http://127.0.0.1:%u", s->silent_port[0]);
  g_autofree char *ok = g_strdup_printf ("http://127.0.0.1:%u/ok", s->http_port);
  const char *urls[] = { silent, ok, NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  gint64 start = g_get_monotonic_time ();

  matou_probe_many_async (urls, MATOU_PROBE_REGISTRY, NULL, 10, cancellable, matou_test_on_done, &result);
  g_timeout_add_once (200, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  results = matou_probe_many_finish (matou_test_wait_for (&result), &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (results);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

static void
test_empty (void)
{
  const char *urls[] = { NULL };
  g_autoptr(GPtrArray) results = probe_many (urls, MATOU_PROBE_REGISTRY, NULL, 1, NULL);

  g_assert_cmpuint (results->len, ==, 0);
}

static void
test_registry_url (void)
{
  const struct { const char *mirror, *url; } cases[] = {
    { "https://docker.1ms.run", "https://docker.1ms.run/v2/" },
    { "https://docker.1ms.run/", "https://docker.1ms.run/v2/" },
    { " https://mirror.example.com:5000/ ", "https://mirror.example.com:5000/v2/" },
    { "https://mirror.example.com/dockerhub//", "https://mirror.example.com/dockerhub/v2/" },
    { "http://[::1]:5000", "http://[::1]:5000/v2/" },
    { "docker.1ms.run", NULL },
    { "ftp://docker.1ms.run", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = matou_probe_registry_url (cases[i].mirror);

      g_assert_cmpstr (url, ==, cases[i].url);
    }
}

static void
test_sort_and_labels (void)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) matou_probe_result_free);
  const struct { const char *url; MatouProbeVerdict verdict; double seconds; } items[] = {
    { "a", MATOU_PROBE_TIMEOUT, 3.0 },
    { "b", MATOU_PROBE_OK, 0.5 },
    { "c", MATOU_PROBE_DNS_ERROR, 0.01 },
    { "d", MATOU_PROBE_OK, 0.1 },
    { "e", MATOU_PROBE_NOT_REGISTRY, 0.02 },
    { "f", MATOU_PROBE_OK, 0.3 },
  };
  const char *order = "dfbace";

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      MatouProbeResult *r = g_new0 (MatouProbeResult, 1);

      r->url = g_strdup (items[i].url);
      r->verdict = items[i].verdict;
      r->seconds = items[i].seconds;
      g_ptr_array_add (results, r);
    }

  matou_probe_results_sort (results);
  for (guint i = 0; i < results->len; i++)
    g_assert_cmpint (RESULT (results, i)->url[0], ==, order[i]);

  for (MatouProbeVerdict v = MATOU_PROBE_OK; v <= MATOU_PROBE_DNS_ERROR; v++)
    g_assert_nonnull (matou_probe_verdict_get_label (v));

  {
    g_autofree char *ms = matou_probe_format_seconds (0.0234);
    g_autofree char *s = matou_probe_format_seconds (1.44);
    g_autofree char *tiny = matou_probe_format_seconds (0.00042);

    g_assert_cmpstr (ms, ==, "23 ms");
    g_assert_cmpstr (s, ==, "1.4 s");
    g_assert_cmpstr (tiny, ==, "0.4 ms");
  }
}

/* The presets, through the probe's eyes: every registry mirror has a
 * /v2/ URL, every docker-ce mirror a test file. */
static void
test_presets_probeable (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("MATOU_TEST_FIXTURES"), "..", "..", "data", NULL);
  g_autofree char *mirrors_path = g_build_filename (dir, "registry-mirrors.json", NULL);
  g_autofree char *ce_path = g_build_filename (dir, "docker-ce-mirrors.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) mirrors = matou_presets_load (mirrors_path, &error);
  g_autoptr(GPtrArray) ce = NULL;

  g_assert_no_error (error);
  ce = matou_presets_load (ce_path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < mirrors->len; i++)
    {
      const MatouPreset *preset = g_ptr_array_index (mirrors, i);
      g_autofree char *url = matou_probe_registry_url (preset->url);

      if (!preset->is_template)
        g_assert_true (g_str_has_suffix (url, "/v2/"));
    }

  for (guint i = 0; i < ce->len; i++)
    {
      const MatouPreset *preset = g_ptr_array_index (ce, i);
      g_autoptr(GUri) uri = g_uri_parse (preset->test_url, G_URI_FLAGS_NONE, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (g_uri_get_scheme (uri), ==, "https");
    }
}

/* A test with its own loopback servers, set up and torn down around it. */
#define add_server_test(path, test) g_test_add ((path), Servers, NULL, servers_setup, (test), servers_teardown)

int
main (int   argc,
      char *argv[])
{
  /* A session proxy that does not work: the probes must not use it. */
  g_setenv ("http_proxy", "http://127.0.0.1:9", TRUE);
  g_setenv ("https_proxy", "http://127.0.0.1:9", TRUE);
  g_setenv ("HTTP_PROXY", "http://127.0.0.1:9", TRUE);
  g_setenv ("HTTPS_PROXY", "http://127.0.0.1:9", TRUE);
  g_unsetenv ("no_proxy");
  g_unsetenv ("NO_PROXY");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_init (&argc, &argv, NULL);

  add_server_test ("/probe/registry-verdicts", test_registry_verdicts);
  add_server_test ("/probe/download-and-sort", test_download_and_sort);
  add_server_test ("/probe/download-timeout", test_download_timeout);
  add_server_test ("/probe/registry-through-proxy", test_registry_through_proxy);
  add_server_test ("/probe/proxy", test_proxy_probe);
  add_server_test ("/probe/proxy-tunnel", test_proxy_tunnel);
  add_server_test ("/probe/cancel", test_cancel);
  g_test_add_func ("/probe/empty", test_empty);
  g_test_add_func ("/probe/registry-url", test_registry_url);
  g_test_add_func ("/probe/sort-and-labels", test_sort_and_labels);
  g_test_add_func ("/probe/presets-probeable", test_presets_probeable);

  return g_test_run ();
}
