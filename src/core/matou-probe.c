/* Timing and classifying HTTP endpoints (registry mirrors, package mirrors, a proxy), in parallel, never blocking. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "matou-credentials.h"
#include "matou-fan-out.h"
#include "matou-probe.h"
#include "matou-proxy-probe.h"

#define READ_CHUNK_SIZE (64 * 1024)

typedef enum {
  MODE_REGISTRY,
  MODE_DOWNLOAD,
  MODE_PROXY,
} ProbeMode;

typedef void (*ProbeDone) (MatouProbeResult *result,
                           gpointer          user_data);

/* One request, from start to verdict. Everything runs in the caller's
 * thread-default main context; the deadline and the caller's cancellable
 * both end it by cancelling the probe's own cancellable. */
typedef struct {
  MatouProbeResult  *result;
  ProbeMode          mode;
  guint              timeout_seconds;

  GUri              *request_uri;    /* NULL when the address cannot be tested */
  char              *host;           /* host[:port] of the request, for messages */
  char              *proxy_host;     /* host[:port] of the proxy, NULL when direct */
  GProxyResolver    *proxy_resolver;

  SoupSession       *session;
  SoupMessage       *message;
  GInputStream      *body;

  GCancellable      *cancellable;
  GCancellable      *caller_cancellable;
  gulong             caller_handler;
  GSource           *deadline;
  gint64             started;

  /* How far the connection got, from SoupMessage::network-event: a deadline
   * while resolving is a DNS problem, while connecting a blocked server,
   * after sending a silent one. */
  gboolean           any_event;
  GSocketClientEvent last_event;
  gboolean           timed_out;
  gboolean           reading_body;
  gboolean           proxy_has_password;
  gboolean           saw_tls_handshake;
  char              *proxy_user;       /* decoded; answered to the proxy's 407 ourselves */
  char              *proxy_password;

  ProbeDone          done;
  gpointer           done_data;
} Probe;

void
matou_probe_result_free (MatouProbeResult *r)
{
  if (r == NULL)
    return;

  g_free (r->url);
  g_free (r->detail);
  g_free (r);
}

MatouOffline
matou_probe_results_offline (GPtrArray *results)
{
  MatouOffline first;

  if (results == NULL || results->len < 2)
    return MATOU_OFFLINE_NO;

  first = ((MatouProbeResult *) g_ptr_array_index (results, 0))->offline;
  for (guint i = 1; i < results->len; i++)
    if (((MatouProbeResult *) g_ptr_array_index (results, i))->offline != first)
      return MATOU_OFFLINE_NO;

  return first;
}

const char *
matou_offline_describe (MatouOffline offline)
{
  switch (offline)
    {
    case MATOU_OFFLINE_NO_NAMES:
      return _("No name resolves from this computer: it seems to be offline, or its DNS server does not answer. Check the network connection, the proxy and the DNS settings, then test again. The mirrors were not tested.");
    case MATOU_OFFLINE_NO_ROUTE:
      return _("There is no route to any address: this computer seems to be offline. Check the network connection (cable, Wi-Fi, VPN) and the proxy, then test again. The mirrors were not tested.");
    case MATOU_OFFLINE_NO:
    default:
      return NULL;
    }
}

const char *
matou_offline_row_text (void)
{
  return _("Not tested: offline");
}

const char *
matou_probe_verdict_get_label (MatouProbeVerdict verdict)
{
  switch (verdict)
    {
    case MATOU_PROBE_OK:
      return _("Works");
    case MATOU_PROBE_NOT_REGISTRY:
      return _("Not a registry");
    case MATOU_PROBE_HTTP_ERROR:
      return _("Error reply");
    case MATOU_PROBE_TIMEOUT:
      return _("Timed out");
    case MATOU_PROBE_TLS_ERROR:
      return _("Secure connection failed");
    case MATOU_PROBE_UNREACHABLE:
      return _("Unreachable");
    case MATOU_PROBE_DNS_ERROR:
      return _("Name not found");
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
matou_probe_format_seconds (double seconds)
{
  if (seconds < 0)
    seconds = 0;

  if (seconds < 0.00995)
    /* Translators: a short duration in milliseconds, as in “0.4 ms”. */
    return g_strdup_printf (_("%.1f ms"), seconds * 1000);

  if (seconds < 0.9995)
    /* Translators: a duration in milliseconds, as in “23 ms”. */
    return g_strdup_printf (_("%u ms"), (guint) (seconds * 1000 + 0.5));

  /* Translators: a duration in seconds, as in “1.4 s”. */
  return g_strdup_printf (_("%.1f s"), seconds);
}

static gboolean
is_http_scheme (const char *scheme)
{
  return scheme != NULL &&
         (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0);
}

static GUri *
parse_http_uri (const char *url)
{
  g_autofree char *stripped = NULL;
  g_autoptr(GUri) uri = NULL;

  if (url == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (url));
  uri = g_uri_parse (stripped, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || !is_http_scheme (g_uri_get_scheme (uri)) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;

  return g_steal_pointer (&uri);
}

static GUri *
registry_uri_for (const char *mirror)
{
  g_autoptr(GUri) uri = parse_http_uri (mirror);
  g_autoptr(GString) path = NULL;

  if (uri == NULL)
    return NULL;

  /* A mirror may carry a path (Engine 25 and later): the daemon appends /v2/ to it. */
  path = g_string_new (g_uri_get_path (uri));
  while (path->len > 0 && path->str[path->len - 1] == '/')
    g_string_truncate (path, path->len - 1);
  g_string_append (path, "/v2/");

  return g_uri_build (G_URI_FLAGS_ENCODED,
                      g_uri_get_scheme (uri), NULL,
                      g_uri_get_host (uri), g_uri_get_port (uri),
                      path->str, NULL, NULL);
}

char *
matou_probe_registry_url (const char *mirror)
{
  g_autoptr(GUri) uri = registry_uri_for (mirror);

  return uri != NULL ? g_uri_to_string (uri) : NULL;
}

static char *
host_for_display (GUri *uri)
{
  const char *host = g_uri_get_host (uri);
  int port = g_uri_get_port (uri);
  gboolean ipv6 = strchr (host, ':') != NULL;

  if (port > 0)
    return g_strdup_printf (ipv6 ? "[%s]:%d" : "%s:%d", host, port);

  return g_strdup_printf (ipv6 ? "[%s]" : "%s", host);
}

/* Mirrors that cloud vendors run for their own machines: their names often
 * resolve, or their servers answer, only inside the vendor's network. */
static gboolean
is_cloud_internal_host (const char *host)
{
  static const char * const suffixes[] = {
    ".tencentyun.com", ".aliyuncs.com", ".myhuaweicloud.com", ".baidubce.com", ".volces.com",
  };

  if (host == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (host, suffixes[i]))
      return TRUE;

  return FALSE;
}

static double
probe_elapsed (Probe *p)
{
  return (g_get_monotonic_time () - p->started) / (double) G_USEC_PER_SEC;
}

static void
set_verdict (Probe             *p,
             MatouProbeVerdict  verdict,
             char              *detail)
{
  p->result->verdict = verdict;
  g_free (p->result->detail);
  p->result->detail = detail;
}

static const char *
reason_phrase (SoupMessage *message)
{
  const char *phrase = soup_message_get_reason_phrase (message);

  if (phrase == NULL || *phrase == '\0')
    phrase = soup_status_get_phrase (soup_message_get_status (message));

  return phrase != NULL ? phrase : "";
}

static char *
describe_certificate_flags (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return g_strdup (_("it is not valid yet: check that this computer’s clock is right"));
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return g_strdup (_("it has expired"));
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return g_strdup (_("it is self-signed or issued by an unknown authority"));
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return g_strdup (_("it was issued for another name"));
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return g_strdup (_("it has been revoked"));
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    return g_strdup (_("it uses insecure algorithms"));

  return g_strdup (_("it failed verification"));
}

/* 407: the proxy itself said no. */
static void
classify_proxy_refusal (Probe *p)
{
  if (p->proxy_has_password)
    set_verdict (p, MATOU_PROBE_UNREACHABLE,
                 g_strdup_printf (_("The proxy at %s did not accept the user name and password. Check them."), p->proxy_host));
  else
    set_verdict (p, MATOU_PROBE_UNREACHABLE,
                 g_strdup_printf (_("The proxy at %s asks for a user name and password: write them into the proxy address, as in http://user:password@host:port."), p->proxy_host));
}

/* A timeout, said according to how far the connection got. */
static void
classify_deadline (Probe *p)
{
  const char *host = p->host;
  guint t = p->timeout_seconds;

  if (!p->any_event || p->last_event < G_SOCKET_CLIENT_RESOLVED)
    {
      if (p->proxy_host == NULL)
        p->result->offline = MATOU_OFFLINE_NO_NAMES;
      if (p->proxy_host != NULL)
        set_verdict (p, MATOU_PROBE_DNS_ERROR,
                     g_strdup_printf (_("The proxy’s name, %s, did not resolve within %u s: this computer’s DNS server is slow or unreachable. Check the network connection and the DNS settings, then test again."),
                                      p->proxy_host, t));
      else
        set_verdict (p, MATOU_PROBE_DNS_ERROR,
                     g_strdup_printf (_("The name %s did not resolve within %u s: this computer’s DNS server is slow or unreachable. Check the network connection and the DNS settings, then test again."),
                                      host, t));
    }
  else if (p->last_event < G_SOCKET_CLIENT_CONNECTED)
    {
      if (p->proxy_host != NULL)
        set_verdict (p, MATOU_PROBE_TIMEOUT,
                     g_strdup_printf (_("No connection to the proxy at %s within %u s: it is down, or the network blocks it. Check the proxy address."),
                                      p->proxy_host, t));
      else
        set_verdict (p, MATOU_PROBE_TIMEOUT,
                     g_strdup_printf (_("No connection to %s within %u s: the server is down or blocked from this network. Try another mirror, or set a proxy for the daemon."),
                                      host, t));
    }
  else if (p->last_event < G_SOCKET_CLIENT_TLS_HANDSHAKED && p->last_event >= G_SOCKET_CLIENT_TLS_HANDSHAKING)
    {
      set_verdict (p, MATOU_PROBE_TIMEOUT,
                   g_strdup_printf (_("%s accepted the connection, but the secure (TLS) handshake did not finish within %u s, which is how a network that blocks a site behaves. Try another mirror, or a proxy."),
                                    host, t));
    }
  else if (p->reading_body)
    {
      g_autofree char *size = g_format_size (p->result->bytes);

      set_verdict (p, MATOU_PROBE_TIMEOUT,
                   g_strdup_printf (_("The download from %s did not finish within %u s (%s received): this mirror is too slow from here. Choose a faster one."),
                                    host, t, size));
    }
  else if (p->proxy_host != NULL)
    {
      set_verdict (p, MATOU_PROBE_TIMEOUT,
                   g_strdup_printf (_("The proxy at %s accepted the connection, but no answer from %s came back within %u s: the proxy cannot reach it, or is too slow. Check the proxy’s own connection."),
                                    p->proxy_host, host, t));
    }
  else
    {
      set_verdict (p, MATOU_PROBE_TIMEOUT,
                   g_strdup_printf (_("%s accepted the connection but sent no answer within %u s: from here it does not answer, perhaps because it is overloaded. Try another mirror."),
                                    host, t));
    }
}

static void
classify_error (Probe        *p,
                const GError *error)
{
  const char *host = p->host;
  const char *proxy = p->proxy_host;

  if (p->timed_out)
    {
      classify_deadline (p);
      return;
    }

  /* The proxy refused the credentials often enough for libsoup to give up. */
  if (proxy != NULL && soup_message_get_status (p->message) == SOUP_STATUS_PROXY_UNAUTHORIZED)
    {
      p->result->status = SOUP_STATUS_PROXY_UNAUTHORIZED;
      classify_proxy_refusal (p);
      return;
    }

  if (error->domain == G_RESOLVER_ERROR)
    {
      gboolean not_found = g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND);

      if (proxy == NULL)
        p->result->offline = MATOU_OFFLINE_NO_NAMES;

      if (proxy != NULL)
        set_verdict (p, MATOU_PROBE_DNS_ERROR,
                     not_found
                     ? g_strdup_printf (_("The proxy’s name, %s, does not resolve: check the proxy address."), proxy)
                     : g_strdup_printf (_("The proxy’s name, %s, could not be looked up: this computer’s DNS server did not answer. Check the network connection and the DNS settings."), proxy));
      else if (not_found && is_cloud_internal_host (g_uri_get_host (p->request_uri)))
        set_verdict (p, MATOU_PROBE_DNS_ERROR,
                     g_strdup_printf (_("The name %s does not resolve from here: this mirror is run by a cloud vendor and works only on that vendor’s own machines. Choose another mirror."), host));
      else if (not_found)
        set_verdict (p, MATOU_PROBE_DNS_ERROR,
                     g_strdup_printf (_("The name %s does not resolve from here: check the spelling. If it is right, this computer’s DNS does not know the name; try another mirror."), host));
      else
        set_verdict (p, MATOU_PROBE_DNS_ERROR,
                     g_strdup_printf (_("The name %s could not be looked up: this computer’s DNS server did not answer. Check the network connection and the DNS settings, then test again."), host));
      return;
    }

  if (error->domain == G_TLS_ERROR)
    {
      if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
        {
          g_autofree char *why = describe_certificate_flags (soup_message_get_tls_peer_certificate_errors (p->message));

          if (proxy != NULL)
            set_verdict (p, MATOU_PROBE_TLS_ERROR,
                         g_strdup_printf (_("Through the proxy, %s presented a certificate this computer does not trust: %s. The proxy most likely inspects secure connections, as company networks do. Docker will refuse it too, unless that network’s certificate authority is installed on this computer."),
                                          host, why));
          else
            set_verdict (p, MATOU_PROBE_TLS_ERROR,
                         g_strdup_printf (_("%s presented a certificate this computer does not trust: %s. Either the mirror’s certificate is broken, or something on the network intercepts secure connections. Do not use this mirror until that is fixed."),
                                          host, why));
        }
      else if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS))
        set_verdict (p, MATOU_PROBE_TLS_ERROR,
                     g_strdup_printf (_("%s does not speak HTTPS on this port. If it is a plain HTTP mirror, write http:// instead of https://; otherwise check the port."), host));
      else if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_UNAVAILABLE))
        set_verdict (p, MATOU_PROBE_TLS_ERROR,
                     g_strdup (_("This computer cannot make secure connections: GLib’s TLS support is missing. Install the glib-networking package.")));
      else
        set_verdict (p, MATOU_PROBE_TLS_ERROR,
                     g_strdup_printf (_("The secure connection to %s failed (%s). If it is a plain HTTP mirror, write http:// instead of https://; otherwise the server is misconfigured or the network interferes with it, so try another mirror."),
                                      host, error->message));
      return;
    }

  if (error->domain == SOUP_SESSION_ERROR)
    {
      if (p->mode == MODE_REGISTRY)
        set_verdict (p, MATOU_PROBE_NOT_REGISTRY,
                     g_strdup_printf (_("%s did not answer as a web server should (%s): it is not a registry mirror. Check the address and the port."),
                                      host, error->message));
      else
        set_verdict (p, MATOU_PROBE_HTTP_ERROR,
                     g_strdup_printf (_("%s did not answer as a web server should (%s). Check the address and the port."),
                                      host, error->message));
      return;
    }

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_TIMED_OUT:
          classify_deadline (p);
          return;

        case G_IO_ERROR_CONNECTION_REFUSED:
          if (proxy != NULL)
            set_verdict (p, MATOU_PROBE_UNREACHABLE,
                         g_strdup_printf (_("The proxy at %s refused the connection: it is not running, or the address or port is wrong."), proxy));
          else
            set_verdict (p, MATOU_PROBE_UNREACHABLE,
                         g_strdup_printf (_("%s refused the connection: nothing answers on that port. Check the address and the port, or choose another mirror."), host));
          return;

        case G_IO_ERROR_NETWORK_UNREACHABLE:
        case G_IO_ERROR_HOST_UNREACHABLE:
          if (proxy == NULL && error->code == G_IO_ERROR_NETWORK_UNREACHABLE)
            p->result->offline = MATOU_OFFLINE_NO_ROUTE;
          set_verdict (p, MATOU_PROBE_UNREACHABLE,
                       g_strdup_printf (_("There is no route to %s: this computer is offline, or the network blocks that address. Check the network connection."),
                                        proxy != NULL ? proxy : host));
          return;

        case G_IO_ERROR_PROXY_NEED_AUTH:
          set_verdict (p, MATOU_PROBE_UNREACHABLE,
                       g_strdup_printf (_("The proxy at %s asks for a user name and password: write them into the proxy address, as in http://user:password@host:port."), proxy != NULL ? proxy : host));
          return;

        case G_IO_ERROR_PROXY_AUTH_FAILED:
          set_verdict (p, MATOU_PROBE_UNREACHABLE,
                       g_strdup_printf (_("The proxy at %s did not accept the user name and password. Check them."), proxy != NULL ? proxy : host));
          return;

        case G_IO_ERROR_PROXY_FAILED:
        case G_IO_ERROR_PROXY_NOT_ALLOWED:
          set_verdict (p, MATOU_PROBE_UNREACHABLE,
                       g_strdup_printf (_("The proxy at %s could not take the request to %s (%s): it cannot reach it, or does not allow it."),
                                        proxy != NULL ? proxy : host, host, error->message));
          return;

        case G_IO_ERROR_CONNECTION_CLOSED:
        case G_IO_ERROR_NOT_CONNECTED:
          set_verdict (p, MATOU_PROBE_UNREACHABLE,
                       g_strdup_printf (_("%s closed the connection without answering: the server, or something on the network, drops the traffic. Try another mirror."),
                                        proxy != NULL ? proxy : host));
          return;

        default:
          break;
        }

      /* GLib reports a TLS failure of the underlying stream in G_IO_ERROR
       * at times (a reset during the handshake). */
      if (p->any_event && p->last_event == G_SOCKET_CLIENT_TLS_HANDSHAKING)
        {
          set_verdict (p, MATOU_PROBE_TLS_ERROR,
                       g_strdup_printf (_("The secure connection to %s failed (%s). The server may be misconfigured, or the network interferes with it; try another mirror."),
                                        host, error->message));
          return;
        }
    }

  set_verdict (p, MATOU_PROBE_UNREACHABLE,
               g_strdup_printf (_("%s could not be reached: %s."), proxy != NULL ? proxy : host, error->message));
}

static gboolean
header_starts_with (SoupMessageHeaders *headers,
                    const char         *name,
                    const char         *prefix)
{
  const char *value = soup_message_headers_get_one (headers, name);

  return value != NULL && g_ascii_strncasecmp (value, prefix, strlen (prefix)) == 0;
}

/* The rule of FACTS.md ("Testing a registry mirror"), with one refinement:
 * a 200 must look like a registry (its header or a JSON body), because
 * network login pages and parked domains answer 200 to everything. */
static void
classify_registry_status (Probe *p)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (p->message);
  guint status = p->result->status;
  const char *host = p->host;
  g_autofree char *time = matou_probe_format_seconds (p->result->seconds);
  gboolean has_challenge = soup_message_headers_get_one (headers, "WWW-Authenticate") != NULL;

  if (status == SOUP_STATUS_OK)
    {
      const char *content_type = soup_message_headers_get_content_type (headers, NULL);

      if (header_starts_with (headers, "Docker-Distribution-API-Version", "registry/2") ||
          g_strcmp0 (content_type, "application/json") == 0)
        set_verdict (p, MATOU_PROBE_OK,
                     g_strdup_printf (_("A registry answered in %s."), time));
      else
        set_verdict (p, MATOU_PROBE_NOT_REGISTRY,
                     g_strdup_printf (_("%s answered with a web page instead of a registry: the site no longer runs a mirror, or a network login page (hotel, campus or office Wi-Fi) intercepts the traffic. Remove this mirror, or log in to the network first."),
                                      host));
      return;
    }

  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      if (has_challenge)
        set_verdict (p, MATOU_PROBE_OK,
                     g_strdup_printf (_("A registry answered in %s."), time));
      else
        set_verdict (p, MATOU_PROBE_NOT_REGISTRY,
                     g_strdup_printf (_("%s asks for a login, but not the way a registry does: it is not a registry mirror. Remove this mirror."),
                                      host));
      return;
    }

  if (status == SOUP_STATUS_NOT_FOUND)
    {
      set_verdict (p, MATOU_PROBE_NOT_REGISTRY,
                   g_strdup_printf (_("%s answered “%u %s” to /v2/: a web server runs at this address, but no registry mirror. Check the address, or remove this mirror."),
                                    host, status, reason_phrase (p->message)));
      return;
    }

  if (status == SOUP_STATUS_FORBIDDEN)
    {
      if (is_cloud_internal_host (g_uri_get_host (p->request_uri)))
        set_verdict (p, MATOU_PROBE_HTTP_ERROR,
                     g_strdup_printf (_("%s refused access (“403 Forbidden”): this mirror is run by a cloud vendor and serves only that vendor’s own machines. Choose another mirror."),
                                      host));
      else
        set_verdict (p, MATOU_PROBE_HTTP_ERROR,
                     g_strdup_printf (_("%s refused access (“403 Forbidden”): the mirror limits who may use it. Mirrors run by cloud vendors often serve only their own machines. Choose another mirror."),
                                      host));
      return;
    }

  if (status == 429 /* Too Many Requests */)
    {
      set_verdict (p, MATOU_PROBE_HTTP_ERROR,
                   g_strdup_printf (_("%s answered “429 Too Many Requests”: the mirror limits how often it is used. Wait a while, or choose another mirror."),
                                    host));
      return;
    }

  if (SOUP_STATUS_IS_SERVER_ERROR (status))
    {
      set_verdict (p, MATOU_PROBE_HTTP_ERROR,
                   g_strdup_printf (_("%s answered “%u %s”: the mirror has a problem on its side. Test again later, or choose another mirror."),
                                    host, status, reason_phrase (p->message)));
      return;
    }

  set_verdict (p, MATOU_PROBE_HTTP_ERROR,
               g_strdup_printf (_("%s answered “%u %s”, which is not what a registry mirror answers. Choose another mirror."),
                                host, status, reason_phrase (p->message)));
}

static void
classify_download_status (Probe *p)
{
  guint status = p->result->status;

  if (status == SOUP_STATUS_NOT_FOUND)
    set_verdict (p, MATOU_PROBE_HTTP_ERROR,
                 g_strdup_printf (_("%s does not have the file (“404 Not Found”): the mirror may not carry Docker’s packages for this system, or the address is wrong. Choose another mirror."),
                                  p->host));
  else if (status == SOUP_STATUS_FORBIDDEN)
    set_verdict (p, MATOU_PROBE_HTTP_ERROR,
                 g_strdup_printf (_("%s refused access (“403 Forbidden”): the mirror limits who may use it. Choose another mirror."),
                                  p->host));
  else
    set_verdict (p, MATOU_PROBE_HTTP_ERROR,
                 g_strdup_printf (_("%s answered “%u %s” instead of sending the file. Choose another mirror."),
                                  p->host, status, reason_phrase (p->message)));
}

static void
classify_proxy_status (Probe *p)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (p->message);
  guint status = p->result->status;
  g_autofree char *time = matou_probe_format_seconds (p->result->seconds);

  if (SOUP_STATUS_IS_SUCCESSFUL (status) ||
      (status == SOUP_STATUS_UNAUTHORIZED && soup_message_headers_get_one (headers, "WWW-Authenticate") != NULL))
    {
      set_verdict (p, MATOU_PROBE_OK,
                   g_strdup_printf (_("The proxy works: through it, %s answered in %s."), p->host, time));
      return;
    }

  if (status == SOUP_STATUS_BAD_GATEWAY || status == SOUP_STATUS_SERVICE_UNAVAILABLE ||
      status == SOUP_STATUS_GATEWAY_TIMEOUT)
    {
      set_verdict (p, MATOU_PROBE_HTTP_ERROR,
                   g_strdup_printf (_("The proxy at %s answered “%u %s”: it could not reach %s either. Check the proxy’s own connection."),
                                    p->proxy_host, status, reason_phrase (p->message), p->host));
      return;
    }

  set_verdict (p, MATOU_PROBE_HTTP_ERROR,
               g_strdup_printf (_("Through the proxy, %s answered “%u %s”. The proxy passes traffic, but this answer is not the one expected."),
                                p->host, status, reason_phrase (p->message)));
}

static void
probe_free (Probe *p)
{
  if (p->deadline != NULL)
    {
      g_source_destroy (p->deadline);
      g_source_unref (p->deadline);
    }
  if (p->caller_handler != 0)
    g_cancellable_disconnect (p->caller_cancellable, p->caller_handler);
  g_clear_object (&p->caller_cancellable);
  g_clear_object (&p->body);
  g_clear_object (&p->message);
  g_clear_object (&p->session);
  g_clear_object (&p->cancellable);
  g_clear_object (&p->proxy_resolver);
  g_clear_pointer (&p->request_uri, g_uri_unref);
  g_free (p->host);
  g_free (p->proxy_host);
  g_free (p->proxy_user);
  g_free (p->proxy_password);
  matou_probe_result_free (p->result);
  g_free (p);
}

static void
probe_finish (Probe *p)
{
  MatouProbeResult *result = g_steal_pointer (&p->result);

  if (result->seconds == 0)
    result->seconds = probe_elapsed (p);
  p->done (result, p->done_data);
  probe_free (p);
}

static void
on_body_read (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  Probe *p = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;
  gsize size;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), res, &error);
  if (chunk == NULL)
    {
      p->result->seconds = probe_elapsed (p);
      classify_error (p, error);
      probe_finish (p);
      return;
    }

  size = g_bytes_get_size (chunk);
  p->result->bytes += size;

  if (size > 0 && p->result->bytes < MATOU_PROBE_MAX_DOWNLOAD_BYTES)
    {
      g_input_stream_read_bytes_async (p->body, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                       p->cancellable, on_body_read, p);
      return;
    }

  {
    g_autofree char *time = NULL;
    g_autofree char *amount = g_format_size (p->result->bytes);
    g_autofree char *rate = NULL;

    p->result->seconds = probe_elapsed (p);
    time = matou_probe_format_seconds (p->result->seconds);
    rate = g_format_size ((guint64) (p->result->bytes / MAX (p->result->seconds, 0.001)));
    /* Translators: “Downloaded 3.8 kB in 120 ms (31.7 kB/s).” */
    set_verdict (p, MATOU_PROBE_OK,
                 g_strdup_printf (_("Downloaded %s in %s (%s/s)."), amount, time, rate));
  }
  probe_finish (p);
}

static void
on_sent (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  Probe *p = user_data;
  g_autoptr(GError) error = NULL;

  p->body = soup_session_send_finish (SOUP_SESSION (source), res, &error);
  if (p->body == NULL)
    {
      classify_error (p, error);
      probe_finish (p);
      return;
    }

  p->result->status = soup_message_get_status (p->message);
  p->result->seconds = probe_elapsed (p);

  if (p->proxy_host != NULL && p->result->status == SOUP_STATUS_PROXY_UNAUTHORIZED)
    {
      classify_proxy_refusal (p);
      probe_finish (p);
      return;
    }

  /* An https:// target is reached through a CONNECT tunnel: an answer
   * before any TLS handshake is the proxy's own, refusing the tunnel. */
  if (p->proxy_host != NULL && !p->saw_tls_handshake &&
      g_ascii_strcasecmp (g_uri_get_scheme (p->request_uri), "https") == 0)
    {
      set_verdict (p, MATOU_PROBE_UNREACHABLE,
                   g_strdup_printf (_("The proxy at %s refused to open a connection to %s (“%u %s”): it does not allow it, or cannot reach it. Check the proxy’s settings."),
                                    p->proxy_host, p->host, p->result->status, reason_phrase (p->message)));
      probe_finish (p);
      return;
    }

  /* Through a proxy, a plain http:// target's 502 or 504 is most often the
   * proxy saying it could not get there. */
  if (p->proxy_host != NULL &&
      (p->result->status == SOUP_STATUS_BAD_GATEWAY || p->result->status == SOUP_STATUS_GATEWAY_TIMEOUT))
    {
      set_verdict (p, MATOU_PROBE_HTTP_ERROR,
                   g_strdup_printf (_("The proxy at %s answered “%u %s”: it could not reach %s either. Check the proxy’s own connection."),
                                    p->proxy_host, p->result->status, reason_phrase (p->message), p->host));
      probe_finish (p);
      return;
    }

  switch (p->mode)
    {
    case MODE_REGISTRY:
      classify_registry_status (p);
      break;

    case MODE_PROXY:
      classify_proxy_status (p);
      break;

    case MODE_DOWNLOAD:
      if (SOUP_STATUS_IS_SUCCESSFUL (p->result->status))
        {
          p->reading_body = TRUE;
          g_input_stream_read_bytes_async (p->body, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                           p->cancellable, on_body_read, p);
          return;
        }
      classify_download_status (p);
      break;

    default:
      g_assert_not_reached ();
    }

  probe_finish (p);
}

static void
on_network_event (SoupMessage        *message,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  gpointer            user_data)
{
  Probe *p = user_data;

  p->any_event = TRUE;
  p->last_event = event;
  if (event == G_SOCKET_CLIENT_TLS_HANDSHAKED)
    p->saw_tls_handshake = TRUE;
}

/* The proxy's credentials, answered here rather than left in the proxy URL:
 * libsoup 3.2 sends the retried request to the wrong address when the
 * proxy URL carries them. A second attempt means they were refused. */
static gboolean
on_authenticate (SoupMessage *message,
                 SoupAuth    *auth,
                 gboolean     retrying,
                 gpointer     user_data)
{
  Probe *p = user_data;

  if (!soup_auth_is_for_proxy (auth) || retrying || p->proxy_user == NULL)
    return FALSE;

  soup_auth_authenticate (auth, p->proxy_user, p->proxy_password != NULL ? p->proxy_password : "");
  return TRUE;
}

static gboolean
on_deadline (gpointer user_data)
{
  Probe *p = user_data;

  p->timed_out = TRUE;
  g_cancellable_cancel (p->cancellable);
  g_clear_pointer (&p->deadline, g_source_unref);

  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  GCancellable *own = user_data;

  g_cancellable_cancel (own);
}

static char *
user_agent_for (ProbeMode mode)
{
  /* The daemon's own agent starts with docker/: some mirrors answer
   * browsers differently from Docker, so a registry probe introduces itself
   * the way dockerd does, and says who it really is at the end. */
  if (mode == MODE_REGISTRY)
    return g_strdup ("docker/24.0.0 go/go1.20 os/linux UpstreamClient(Matou/" PACKAGE_VERSION ")");

  return g_strdup ("Matou/" PACKAGE_VERSION);
}

/* Takes @p; calls p->done exactly once, never from inside this call. */
static void
probe_start (Probe *p)
{
  g_autofree char *user_agent = user_agent_for (p->mode);


  if (p->caller_cancellable != NULL)
    p->caller_handler = g_cancellable_connect (p->caller_cancellable, G_CALLBACK (on_caller_cancelled),
                                               g_object_ref (p->cancellable), g_object_unref);

  /* One session per probe: no shared connection limits, no connection
   * reused between two mirrors, and each one's time is its own. The session
   * timeouts are only a backstop: the deadline below is what ends a probe. */
  p->session = g_object_new (SOUP_TYPE_SESSION,
                             "timeout", p->timeout_seconds + 5,
                             "idle-timeout", p->timeout_seconds + 5,
                             "user-agent", user_agent,
                             "proxy-resolver", p->proxy_resolver,
                             NULL);

  p->message = soup_message_new_from_uri (SOUP_METHOD_GET, p->request_uri);
  g_signal_connect (p->message, "network-event", G_CALLBACK (on_network_event), p);
  g_signal_connect (p->message, "authenticate", G_CALLBACK (on_authenticate), p);

  p->deadline = g_timeout_source_new (p->timeout_seconds * 1000);
  g_source_set_callback (p->deadline, on_deadline, p, NULL);
  g_source_attach (p->deadline, g_main_context_get_thread_default ());

  soup_session_send_async (p->session, p->message, G_PRIORITY_DEFAULT, p->cancellable, on_sent, p);
}

static gboolean
finish_in_idle (gpointer user_data)
{
  probe_finish (user_data);
  return G_SOURCE_REMOVE;
}

/* Finishes @p from the caller's main context, never from inside the call
 * that started it. */
static void
probe_finish_later (Probe *p)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_callback (source, finish_in_idle, p, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
}

static Probe *
probe_new (const char   *url,
           ProbeMode     mode,
           guint         timeout_seconds,
           GCancellable *caller_cancellable,
           ProbeDone     done,
           gpointer      done_data)
{
  Probe *p = g_new0 (Probe, 1);

  p->started = g_get_monotonic_time ();
  p->result = g_new0 (MatouProbeResult, 1);
  p->result->url = g_strdup (url);
  p->mode = mode;
  p->timeout_seconds = MAX (timeout_seconds, 1);
  p->cancellable = g_cancellable_new ();
  p->caller_cancellable = caller_cancellable != NULL ? g_object_ref (caller_cancellable) : NULL;
  p->done = done;
  p->done_data = done_data;

  if (mode == MODE_REGISTRY)
    p->request_uri = registry_uri_for (url);
  else
    p->request_uri = parse_http_uri (url);

  if (p->request_uri != NULL)
    p->host = host_for_display (p->request_uri);

  return p;
}

/* Sets the proxy of @p; FALSE when @proxy_url cannot be used (the verdict says why). */
static gboolean
probe_set_proxy (Probe      *p,
                 const char *proxy_url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *resolver_url = NULL;
  const char *scheme;

  if (proxy_url == NULL || *proxy_url == '\0')
    return TRUE;

  uri = g_uri_parse (proxy_url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0' ||
      !(is_http_scheme (scheme) || g_ascii_strcasecmp (scheme, "socks4") == 0 ||
        g_ascii_strcasecmp (scheme, "socks4a") == 0 || g_ascii_strcasecmp (scheme, "socks5") == 0))
    {
      g_autofree char *masked = matou_mask_credentials (proxy_url);

      set_verdict (p, MATOU_PROBE_UNREACHABLE,
                   g_strdup_printf (_("“%s” is not a proxy address that can be tested: use one such as http://proxy.example.com:3128."),
                                    masked));
      return FALSE;
    }

  p->proxy_host = host_for_display (uri);
  p->proxy_has_password = g_uri_get_user (uri) != NULL;

  if (is_http_scheme (scheme) && g_uri_get_user (uri) != NULL)
    {
      g_autoptr(GUri) bare = NULL;

      p->proxy_user = g_uri_unescape_string (g_uri_get_user (uri), NULL);
      p->proxy_password = g_uri_get_password (uri) != NULL ? g_uri_unescape_string (g_uri_get_password (uri), NULL) : NULL;
      bare = g_uri_build (G_URI_FLAGS_ENCODED, scheme, NULL, g_uri_get_host (uri), g_uri_get_port (uri), "", NULL, NULL);
      resolver_url = g_uri_to_string (bare);
    }
  else
    {
      /* SOCKS proxies take their credentials from the URL (GProxyAddress). */
      resolver_url = g_strdup (proxy_url);
    }

  p->proxy_resolver = g_simple_proxy_resolver_new (resolver_url, NULL);

  return TRUE;
}

static void
probe_run (Probe      *p,
           const char *proxy_url)
{
  if (p->request_uri == NULL)
    {
      set_verdict (p, MATOU_PROBE_UNREACHABLE,
                   g_strdup_printf (_("“%s” is not an address that can be tested: use an http:// or https:// address with a host name."),
                                    p->result->url != NULL ? p->result->url : ""));
      probe_finish_later (p);
      return;
    }

  if (!probe_set_proxy (p, proxy_url))
    {
      probe_finish_later (p);
      return;
    }

  probe_start (p);
}

/* matou_probe_many_async */

static void
on_many_probe_done (MatouProbeResult *result,
                    gpointer          part)
{
  matou_fan_out_part_done (part, result);
}

void
matou_probe_many_async (const char * const  *urls,
                        MatouProbeKind       kind,
                        const char          *proxy_url,
                        guint                timeout_seconds,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  guint n = urls != NULL ? g_strv_length ((char **) urls) : 0;

  g_return_if_fail (kind == MATOU_PROBE_REGISTRY || kind == MATOU_PROBE_DOWNLOAD);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = matou_fan_out_new (matou_probe_many_async, n, (GDestroyNotify) matou_probe_result_free, cancellable, callback, user_data);
  if (task == NULL)
    return;

  for (guint i = 0; i < n; i++)
    {
      Probe *p = probe_new (urls[i], kind == MATOU_PROBE_REGISTRY ? MODE_REGISTRY : MODE_DOWNLOAD,
                            timeout_seconds, cancellable, on_many_probe_done, matou_fan_out_part (task, i));

      probe_run (p, proxy_url);
    }
}

GPtrArray *
matou_probe_many_finish (GAsyncResult  *result,
                         GError       **error)
{
  return matou_fan_out_finish (result, matou_probe_many_async, error);
}

static int
compare_results (gconstpointer a,
                 gconstpointer b)
{
  const MatouProbeResult *ra = *(const MatouProbeResult * const *) a;
  const MatouProbeResult *rb = *(const MatouProbeResult * const *) b;
  gboolean ok_a = ra->verdict == MATOU_PROBE_OK;
  gboolean ok_b = rb->verdict == MATOU_PROBE_OK;

  if (ok_a != ok_b)
    return ok_a ? -1 : 1;
  if (!ok_a)
    return 0;  /* failures keep their order: the sort is stable */

  return (ra->seconds > rb->seconds) - (ra->seconds < rb->seconds);
}

void
matou_probe_results_sort (GPtrArray *results)
{
  g_return_if_fail (results != NULL);

  g_ptr_array_sort (results, compare_results);
}

/* matou_probe_through_proxy_async */

static void
on_proxy_probe_done (MatouProbeResult *result,
                     gpointer          user_data)
{
  g_autoptr(GTask) task = user_data;

  g_task_return_pointer (task, result, (GDestroyNotify) matou_probe_result_free);
}

void
matou_probe_through_proxy_async (const char          *proxy_url,
                                 const char          *target_url,
                                 guint                timeout_seconds,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  Probe *p;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, matou_probe_through_proxy_async);

  p = probe_new (target_url != NULL ? target_url : MATOU_PROBE_DOCKER_HUB_URL, MODE_PROXY,
                 timeout_seconds, cancellable, on_proxy_probe_done, task);

  if (proxy_url == NULL || *proxy_url == '\0')
    {
      set_verdict (p, MATOU_PROBE_UNREACHABLE,
                   g_strdup (_("No proxy to test: enter a proxy address first, such as http://proxy.example.com:3128.")));
      probe_finish_later (p);
      return;
    }

  probe_run (p, proxy_url);
}

MatouProbeResult *
matou_probe_through_proxy_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == matou_probe_through_proxy_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
