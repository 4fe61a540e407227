/* Timing and classifying HTTP endpoints (registry mirrors, package mirrors), in parallel, never blocking. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  MATOU_PROBE_OK,            /* registry: 200 as a V2 registry, or 401 with WWW-Authenticate; plain URL: 2xx */
  MATOU_PROBE_NOT_REGISTRY,  /* answered, but not as a V2 registry: 404, another 401, a web page, not HTTP */
  MATOU_PROBE_HTTP_ERROR,    /* any other HTTP status (403, 429, 5xx; for a download also 404) */
  MATOU_PROBE_TIMEOUT,       /* no connection, handshake, answer or whole body within the time given */
  MATOU_PROBE_TLS_ERROR,     /* certificate not trusted, not HTTPS on that port, handshake failed */
  MATOU_PROBE_UNREACHABLE,   /* refused, no route, proxy failure, or an address that cannot be tested */
  MATOU_PROBE_DNS_ERROR,     /* the name does not resolve, or did not resolve within the time given */
} MatouProbeVerdict;

/* Failures that point at this computer rather than at the address probed. */
typedef enum {
  MATOU_OFFLINE_NO,          /* the probe got an answer, or failed in a way that says nothing of this computer */
  MATOU_OFFLINE_NO_NAMES,    /* the name did not resolve */
  MATOU_OFFLINE_NO_ROUTE,    /* there is no route to the address */
} MatouOffline;

typedef enum {
  MATOU_PROBE_REGISTRY,      /* GET <mirror>/v2/ and classify the answer; the body is not read */
  MATOU_PROBE_DOWNLOAD,      /* GET <url> and read the whole body (a speed test) */
} MatouProbeKind;

typedef struct {
  char             *url;       /* as given */
  MatouProbeVerdict verdict;
  guint             status;    /* HTTP status, 0 when none */
  double            seconds;   /* time to the answer (registry) or the whole body (download); to the failure otherwise */
  gsize             bytes;     /* body bytes read (download) */
  char             *detail;    /* a translated sentence for the user: what happened and what to do */
  MatouOffline      offline;   /* how the failure may say "this computer is offline"; never with a proxy */
} MatouProbeResult;

void               matou_probe_result_free    (MatouProbeResult *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouProbeResult, matou_probe_result_free)

/* dockerd gives a mirror 15 s to answer its ping: a mirror slower than that
 * is no use to the daemon, whatever a browser says. */
#define MATOU_PROBE_REGISTRY_TIMEOUT_SECONDS 15
/* A download larger than this is cut off and timed as far as it got. */
#define MATOU_PROBE_MAX_DOWNLOAD_BYTES (16 * 1024 * 1024)

/*
 * Probes every URL at once, each with its own session and its own deadline
 * of @timeout_seconds (which covers name resolution, connecting, TLS and the
 * answer, and for DOWNLOAD also the whole body). REGISTRY probes
 * `GET <mirror>/v2/` (a mirror with or without a path or trailing slash);
 * DOWNLOAD probes `GET <url>` as given. Redirects are followed.
 *
 * @proxy_url: NULL probes directly. The user's session proxy (environment,
 * GNOME settings) is deliberately not used: dockerd does not use it either,
 * so a mirror that only works through the session proxy would mislead. To
 * test what the daemon will see with its own proxy, pass that proxy here.
 *
 * Always finishes with a GPtrArray of MatouProbeResult (free func set) in
 * the order of @urls, failures included; the total time is about that of the
 * slowest probe. Fails only with G_IO_ERROR_CANCELLED when @cancellable is
 * cancelled. The callback runs in the thread-default main context of the
 * caller.
 */
void               matou_probe_many_async     (const char * const  *urls,
                                               MatouProbeKind       kind,
                                               const char          *proxy_url,
                                               guint                timeout_seconds,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GPtrArray         *matou_probe_many_finish    (GAsyncResult        *result,
                                               GError             **error);

/* Sorts results best first: OK by seconds, then the failures in the order they had (a stable sort). */
void               matou_probe_results_sort   (GPtrArray           *results);

/* Whether every probe of @results failed the same way that points at this computer
 * (no name resolved, or no route anywhere): then no row says anything of its mirror,
 * and one message says the computer seems offline. Needs two results at least. */
MatouOffline       matou_probe_results_offline (GPtrArray          *results);

/* The one message for an offline computer: what was seen and what to check. */
const char        *matou_offline_describe     (MatouOffline         offline);

/* What a row says for an address that was not tested because the computer seems offline. */
const char        *matou_offline_row_text     (void);

/* A short translated label for a verdict, for a badge or a column: "Works", "Timed out", … */
const char        *matou_probe_verdict_get_label (MatouProbeVerdict verdict);

/* A duration as a user reads it: "23 ms", "1.4 s". */
char              *matou_probe_format_seconds (double               seconds);

/* The URL a REGISTRY probe fetches for @mirror: its /v2/ endpoint. NULL when
 * @mirror is not an http:// or https:// URL with a host. */
char              *matou_probe_registry_url   (const char          *mirror);

G_END_DECLS
