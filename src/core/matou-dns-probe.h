/* "Resolve registry-1.docker.io through THIS server": a small DNS client over UDP, and the host's resolvers. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What one server said, for tests and for a badge; the detail says it in words. */
typedef enum {
  MATOU_DNS_OK,              /* answered with at least one address */
  MATOU_DNS_NO_ADDRESS,      /* answered NOERROR but without an A or AAAA record */
  MATOU_DNS_NXDOMAIN,        /* the name does not exist, says the server */
  MATOU_DNS_SERVFAIL,        /* the server failed to resolve it */
  MATOU_DNS_REFUSED,         /* the server refuses to answer this computer */
  MATOU_DNS_TIMEOUT,         /* no answer within the time given (after one retry) */
  MATOU_DNS_UNREACHABLE,     /* nothing listens there (port unreachable), or no route */
  MATOU_DNS_TRUNCATED,       /* the answer did not fit a UDP packet and held no address */
  MATOU_DNS_BAD_REPLY,       /* an answer that does not parse, or another error code */
  MATOU_DNS_INVALID_SERVER,  /* the server is not an IP address, or the name is not a host name */
} MatouDnsStatus;

typedef struct {
  char          *server;
  gboolean       ok;
  char         **addresses;       /* the A then AAAA answers, as text; never NULL (empty when none) */
  double         seconds;         /* to the last answer, or to the failure */
  char          *detail;          /* translated sentence: “Answered in 23 ms: 192.0.2.10.”, … */
  MatouDnsStatus status;
  char          *canonical_name;  /* the end of a CNAME chain, NULL when the name has none */
} MatouDnsResult;

void       matou_dns_result_free       (MatouDnsResult *r);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouDnsResult, matou_dns_result_free)

#define MATOU_DNS_DEFAULT_TIMEOUT_SECONDS 3

/*
 * Asks every server at once for the A and AAAA records of @name (UDP, to
 * @port, 0 meaning 53), resending once when half of @timeout_seconds has
 * passed without an answer. @servers are IPv4 or IPv6 addresses as text
 * ("223.5.5.5", "2400:3200::1", "[::1]").
 *
 * Always finishes with a GPtrArray of MatouDnsResult (free func set) in the
 * order of @servers; fails only with G_IO_ERROR_CANCELLED. The callback runs
 * in the thread-default main context of the caller.
 */
void       matou_dns_probe_many_async  (const char * const  *servers,
                                        guint                port,
                                        const char          *name,
                                        guint                timeout_seconds,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GPtrArray *matou_dns_probe_many_finish (GAsyncResult        *result,
                                        GError             **error);

/*
 * The host's resolvers: the "nameserver" lines of @path (NULL:
 * /etc/resolv.conf), in order, skipping comments and lines that are not IP
 * addresses. @has_loopback_stub (nullable) tells whether one of them is a
 * loopback address such as systemd-resolved's 127.0.0.53, which containers
 * cannot reach. Returns NULL when the file cannot be read, an empty vector
 * when it names no server.
 */
char     **matou_read_resolv_conf        (const char          *path,
                                          gboolean            *has_loopback_stub);
/* The same for the text of such a file (never NULL). */
char     **matou_parse_resolv_conf       (const char          *contents,
                                          gboolean            *has_loopback_stub);
void       matou_read_resolv_conf_async  (const char          *path,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
char     **matou_read_resolv_conf_finish (GAsyncResult        *result,
                                          gboolean            *has_loopback_stub);

/* Where systemd-resolved lists the servers behind its 127.0.0.53 stub. */
#define MATOU_RESOLVED_UPSTREAM_RESOLV_CONF "/run/systemd/resolve/resolv.conf"

G_END_DECLS
