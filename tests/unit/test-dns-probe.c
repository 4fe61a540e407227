/* The DNS probe against a real dnsmasq on loopback that the test starts, dead servers, crafted answers, and resolv.conf. */
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "matou-dns-probe.h"
#include "matou-dns-probe-private.h"
#include "matou-test-util.h"

#define TIMEOUT 2

typedef struct {
  GSubprocess *dnsmasq;    /* NULL when dnsmasq is not installed: the test skips */
  guint        port;
  gboolean     ipv6;       /* dnsmasq also listens on ::1 */
  GSocket     *black_hole; /* a UDP socket that never answers */
  guint        black_hole_port;
  guint        closed_port;
} Dns;

static void
kill_with_parent (gpointer user_data)
{
  /* dnsmasq dies with the test, even when an assertion aborts it. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSocket *
bind_loopback (GSocketFamily  family,
               GSocketType    type,
               guint          port,
               GError       **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (family);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GSocket) socket = g_socket_new (family, type, G_SOCKET_PROTOCOL_DEFAULT, error);

  if (socket == NULL || !g_socket_bind (socket, address, FALSE, error))
    return NULL;

  return g_steal_pointer (&socket);
}

static guint
socket_port (GSocket *socket)
{
  g_autoptr(GSocketAddress) address = g_socket_get_local_address (socket, NULL);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
}

/* A port free for UDP and TCP (dnsmasq takes both), on 127.0.0.1 and, when
 * @ipv6, on ::1. Free when this returns: a small race, fine on loopback. */
static guint
free_port (gboolean ipv6)
{
  for (guint attempt = 0; attempt < 50; attempt++)
    {
      g_autoptr(GSocket) udp = bind_loopback (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, 0, NULL);
      guint port = socket_port (udp);
      g_autoptr(GSocket) tcp = bind_loopback (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, port, NULL);
      g_autoptr(GSocket) udp6 = ipv6 ? bind_loopback (G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_DATAGRAM, port, NULL) : NULL;
      g_autoptr(GSocket) tcp6 = ipv6 ? bind_loopback (G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_STREAM, port, NULL) : NULL;

      if (tcp != NULL && (!ipv6 || (udp6 != NULL && tcp6 != NULL)))
        return port;
    }

  g_error ("no free port on loopback");
}

static gboolean
have_ipv6_loopback (void)
{
  g_autoptr(GSocket) socket = bind_loopback (G_SOCKET_FAMILY_IPV6, G_SOCKET_TYPE_DATAGRAM, 0, NULL);

  return socket != NULL;
}

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  char **line = user_data;
  g_autoptr(GError) error = NULL;

  *line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result, NULL, &error);
  if (*line == NULL)
    *line = g_strdup (error != NULL ? error->message : "(end of output)");
}

static gboolean
on_startup_timeout (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits for dnsmasq's "started" line on its standard error. */
static void
wait_for_dnsmasq (GSubprocess *dnsmasq)
{
  g_autoptr(GDataInputStream) err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (dnsmasq));
  gboolean expired = FALSE;
  guint timer = g_timeout_add_seconds (10, on_startup_timeout, &expired);

  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (err), FALSE);

  for (;;)
    {
      g_autofree char *line = NULL;

      g_data_input_stream_read_line_async (err, G_PRIORITY_DEFAULT, NULL, on_line, &line);
      while (line == NULL && !expired)
        g_main_context_iteration (NULL, TRUE);
      if (expired)
        g_error ("dnsmasq did not start within 10 s");

      g_test_message ("dnsmasq: %s", line);
      if (strstr (line, "started") != NULL)
        break;
      if (strstr (line, "FAILED") != NULL || strstr (line, "failed") != NULL || strstr (line, "end of output") != NULL)
        g_error ("dnsmasq did not start: %s", line);
    }

  g_source_remove (timer);
}

static void
dns_setup (Dns           *d,
           gconstpointer  data)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) closed = NULL;
  g_autofree char *program = g_find_program_in_path ("dnsmasq");

  d->black_hole = bind_loopback (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, 0, &error);
  g_assert_no_error (error);
  d->black_hole_port = socket_port (d->black_hole);

  closed = bind_loopback (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM, 0, &error);
  g_assert_no_error (error);
  d->closed_port = socket_port (closed);
  g_socket_close (closed, NULL);

  if (program == NULL && g_file_test ("/usr/sbin/dnsmasq", G_FILE_TEST_IS_EXECUTABLE))
    program = g_strdup ("/usr/sbin/dnsmasq");
  if (program == NULL)
    return;

  d->ipv6 = have_ipv6_loopback ();
  d->port = free_port (d->ipv6);

  g_ptr_array_add (argv, g_strdup (program));
  g_ptr_array_add (argv, g_strdup ("--no-daemon"));
  g_ptr_array_add (argv, g_strdup ("--log-facility=-"));
  g_ptr_array_add (argv, g_strdup ("--conf-file=/dev/null"));
  g_ptr_array_add (argv, g_strdup ("--pid-file="));
  g_ptr_array_add (argv, g_strdup_printf ("--port=%u", d->port));
  g_ptr_array_add (argv, g_strdup ("--listen-address=127.0.0.1"));
  if (d->ipv6)
    g_ptr_array_add (argv, g_strdup ("--listen-address=::1"));
  g_ptr_array_add (argv, g_strdup ("--bind-interfaces"));
  g_ptr_array_add (argv, g_strdup ("--no-resolv"));
  g_ptr_array_add (argv, g_strdup ("--no-hosts"));
  g_ptr_array_add (argv, g_strdup ("--address=/registry-1.docker.io/192.0.2.10"));
  g_ptr_array_add (argv, g_strdup ("--address=/registry-1.docker.io/2001:db8::10"));
  /* An address-less --address answers NXDOMAIN for the domain. */
  g_ptr_array_add (argv, g_strdup ("--address=/blocked.test/"));
  g_ptr_array_add (argv, g_strdup ("--host-record=target.test,192.0.2.20,2001:db8::20"));
  g_ptr_array_add (argv, g_strdup ("--cname=alias.test,target.test"));
  g_ptr_array_add (argv, g_strdup ("--host-record=v4only.test,192.0.2.30"));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, kill_with_parent, NULL, NULL);
  d->dnsmasq = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  wait_for_dnsmasq (d->dnsmasq);
}

static void
dns_teardown (Dns           *d,
              gconstpointer  data)
{
  if (d->dnsmasq != NULL)
    {
      g_subprocess_send_signal (d->dnsmasq, SIGTERM);
      g_subprocess_wait (d->dnsmasq, NULL, NULL);
      g_clear_object (&d->dnsmasq);
    }
  g_clear_object (&d->black_hole);
}

static gboolean
skip_without_dnsmasq (Dns *d)
{
  if (d->dnsmasq != NULL)
    return FALSE;

  g_test_skip ("setup missing: dnsmasq is not installed (build-aux/deps.sh installs it)");
  return TRUE;
}

static GPtrArray *
probe (const char * const *servers,
       guint               port,
       const char         *name,
       guint               timeout,
       double             *total)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  GPtrArray *results;

  matou_dns_probe_many_async (servers, port, name, timeout, NULL, matou_test_on_done, &result);
  results = matou_dns_probe_many_finish (matou_test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, g_strv_length ((char **) servers));
  if (total != NULL)
    *total = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  for (guint i = 0; i < results->len; i++)
    {
      MatouDnsResult *r = g_ptr_array_index (results, i);
      g_autofree char *addresses = g_strjoinv (" ", r->addresses);

      g_assert_cmpstr (r->server, ==, servers[i]);
      g_assert_nonnull (r->detail);
      g_assert_nonnull (r->addresses);
      g_assert_cmpint (r->ok, ==, r->status == MATOU_DNS_OK);
      g_test_message ("%s for %s: status %d, %.3f s, [%s] %s: %s", r->server, name, r->status,
                      r->seconds, addresses, r->canonical_name ? r->canonical_name : "", r->detail);
    }

  return results;
}

#define RESULT(results, i) ((MatouDnsResult *) g_ptr_array_index ((results), (i)))

/* Asks the test's dnsmasq (on 127.0.0.1) for @name; NULL when the test is skipped without dnsmasq. */
static GPtrArray *
ask_dnsmasq (Dns        *d,
             const char *name)
{
  const char *servers[] = { "127.0.0.1", NULL };

  if (skip_without_dnsmasq (d))
    return NULL;

  return probe (servers, d->port, name, TIMEOUT, NULL);
}

static void
assert_detail_has (const MatouDnsResult *r,
                   const char           *text)
{
  if (strstr (r->detail, text) == NULL)
    g_error ("the detail for %s lacks “%s”: %s", r->server, text, r->detail);
}

static void
test_answer (Dns           *d,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) results = NULL;
  MatouDnsResult *r;

  results = ask_dnsmasq (d, "registry-1.docker.io");
  if (results == NULL)
    return;

  r = RESULT (results, 0);
  g_assert_cmpint (r->status, ==, MATOU_DNS_OK);
  g_assert_true (r->ok);
  g_assert_cmpuint (g_strv_length (r->addresses), ==, 2);
  g_assert_cmpstr (r->addresses[0], ==, "192.0.2.10");
  g_assert_cmpstr (r->addresses[1], ==, "2001:db8::10");
  g_assert_null (r->canonical_name);
  g_assert_cmpfloat (r->seconds, <, 1.0);
  assert_detail_has (r, "Answered in");
  assert_detail_has (r, "192.0.2.10");

  /* A trailing dot and upper case ask the same. */
  g_clear_pointer (&results, g_ptr_array_unref);
  results = ask_dnsmasq (d, "Registry-1.Docker.IO.");
  if (results == NULL)
    g_error ("dnsmasq answered once and then was gone");
  g_assert_cmpint (RESULT (results, 0)->status, ==, MATOU_DNS_OK);
  g_assert_cmpstr (RESULT (results, 0)->addresses[0], ==, "192.0.2.10");
}

static void
test_cname (Dns           *d,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) results = NULL;
  MatouDnsResult *r;

  results = ask_dnsmasq (d, "alias.test");
  if (results == NULL)
    return;

  r = RESULT (results, 0);
  g_assert_cmpint (r->status, ==, MATOU_DNS_OK);
  g_assert_cmpstr (r->canonical_name, ==, "target.test");
  g_assert_true (g_strv_contains ((const char * const *) r->addresses, "192.0.2.20"));
  g_assert_true (g_strv_contains ((const char * const *) r->addresses, "2001:db8::20"));
}

/* A name with only an A record: the AAAA answer is empty, not a failure. */
static void
test_ipv4_only (Dns           *d,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) results = NULL;

  results = ask_dnsmasq (d, "v4only.test");
  if (results == NULL)
    return;

  g_assert_cmpint (RESULT (results, 0)->status, ==, MATOU_DNS_OK);
  g_assert_cmpuint (g_strv_length (RESULT (results, 0)->addresses), ==, 1);
  g_assert_cmpstr (RESULT (results, 0)->addresses[0], ==, "192.0.2.30");
  g_assert_cmpfloat (RESULT (results, 0)->seconds, <, 1.0);
}

static void
test_nxdomain (Dns           *d,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) results = NULL;
  MatouDnsResult *r;

  results = ask_dnsmasq (d, "registry.blocked.test");
  if (results == NULL)
    return;

  r = RESULT (results, 0);
  g_assert_cmpint (r->status, ==, MATOU_DNS_NXDOMAIN);
  g_assert_false (r->ok);
  g_assert_cmpuint (g_strv_length (r->addresses), ==, 0);
  g_assert_cmpfloat (r->seconds, <, 1.0);
  assert_detail_has (r, "does not exist");
}

/* dnsmasq without upstream servers refuses names it does not know itself. */
static void
test_refused (Dns           *d,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) results = NULL;

  results = ask_dnsmasq (d, "unknown.example");
  if (results == NULL)
    return;

  g_assert_cmpint (RESULT (results, 0)->status, ==, MATOU_DNS_REFUSED);
  g_assert_false (RESULT (results, 0)->ok);
  assert_detail_has (RESULT (results, 0), "REFUSED");
}

static void
test_ipv6_server (Dns           *d,
                  gconstpointer  data)
{
  const char *servers[] = { "::1", "[::1]", NULL };
  g_autoptr(GPtrArray) results = NULL;

  if (skip_without_dnsmasq (d))
    return;
  if (!d->ipv6)
    {
      g_test_skip ("no IPv6 loopback here");
      return;
    }

  results = probe (servers, d->port, "registry-1.docker.io", TIMEOUT, NULL);
  for (guint i = 0; i < results->len; i++)
    {
      g_assert_cmpint (RESULT (results, i)->status, ==, MATOU_DNS_OK);
      g_assert_cmpstr (RESULT (results, i)->addresses[0], ==, "192.0.2.10");
    }
}

/* A server that never answers is a timeout after one retry; a closed port
 * says so at once; all of them at once take as long as the slowest. */
static void
test_dead_servers_in_parallel (Dns           *d,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) results = NULL;
  const char *servers[] = { "127.0.0.1", "127.0.0.1", "not-an-address", NULL };
  double total, sum = 0, slowest = 0;
  guint datagrams = 0;
  g_autoptr(GPtrArray) live = NULL;

  /* The black hole and the closed port first: they need no dnsmasq. */
  {
    g_autoptr(GAsyncResult) r1 = NULL;
    g_autoptr(GAsyncResult) r2 = NULL;
    g_autoptr(GAsyncResult) r3 = NULL;
    g_autoptr(GPtrArray) hole = NULL;
    g_autoptr(GPtrArray) closed = NULL;
    g_autoptr(GError) error = NULL;
    const char *one[] = { "127.0.0.1", NULL };
    const char *two[] = { "127.0.0.1", "127.0.0.1", NULL };
    gint64 start = g_get_monotonic_time ();

    matou_dns_probe_many_async (two, d->black_hole_port, "registry-1.docker.io", TIMEOUT, NULL, matou_test_on_done, &r1);
    matou_dns_probe_many_async (one, d->closed_port, "registry-1.docker.io", TIMEOUT, NULL, matou_test_on_done, &r2);
    if (d->dnsmasq != NULL)
      matou_dns_probe_many_async (servers, d->port, "registry-1.docker.io", TIMEOUT, NULL, matou_test_on_done, &r3);
    while (r1 == NULL || r2 == NULL || (d->dnsmasq != NULL && r3 == NULL))
      g_main_context_iteration (NULL, TRUE);
    total = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

    hole = matou_dns_probe_many_finish (r1, &error);
    g_assert_no_error (error);
    closed = matou_dns_probe_many_finish (r2, &error);
    g_assert_no_error (error);
    if (r3 != NULL)
      {
        live = matou_dns_probe_many_finish (r3, &error);
        g_assert_no_error (error);
      }

    for (guint i = 0; i < hole->len; i++)
      {
        g_test_message ("black hole: %.3f s: %s", RESULT (hole, i)->seconds, RESULT (hole, i)->detail);
        g_assert_cmpint (RESULT (hole, i)->status, ==, MATOU_DNS_TIMEOUT);
        g_assert_false (RESULT (hole, i)->ok);
        g_assert_cmpfloat (RESULT (hole, i)->seconds, >=, TIMEOUT - 0.05);
        g_assert_cmpfloat (RESULT (hole, i)->seconds, <, TIMEOUT + 1.0);
        assert_detail_has (RESULT (hole, i), "No answer within 2 s");
      }

    g_test_message ("closed port: %.3f s: %s", RESULT (closed, 0)->seconds, RESULT (closed, 0)->detail);
    g_assert_cmpint (RESULT (closed, 0)->status, ==, MATOU_DNS_UNREACHABLE);
    g_assert_cmpfloat (RESULT (closed, 0)->seconds, <, 1.0);

    sum = RESULT (hole, 0)->seconds + RESULT (hole, 1)->seconds + RESULT (closed, 0)->seconds;
    slowest = RESULT (hole, 0)->seconds;
    if (live != NULL)
      {
        for (guint i = 0; i < live->len; i++)
          {
            sum += RESULT (live, i)->seconds;
            slowest = MAX (slowest, RESULT (live, i)->seconds);
          }
        g_assert_cmpint (RESULT (live, 0)->status, ==, MATOU_DNS_OK);
        g_assert_cmpint (RESULT (live, 1)->status, ==, MATOU_DNS_OK);
        g_assert_cmpint (RESULT (live, 2)->status, ==, MATOU_DNS_INVALID_SERVER);
        assert_detail_has (RESULT (live, 2), "not an IP address");
      }
  }

  g_test_message ("total %.3f s, slowest %.3f s, sum %.3f s", total, slowest, sum);
  g_assert_cmpfloat (total, <, sum);
  g_assert_cmpfloat (total, <, slowest + 1.5);

  /* Two servers, two questions each (A and AAAA), each sent twice: the
   * retry happened. */
  for (;;)
    {
      char buffer[512];
      gssize n = g_socket_receive_with_blocking (d->black_hole, buffer, sizeof buffer, FALSE, NULL, NULL);

      if (n <= 0)
        break;
      datagrams++;
    }
  g_assert_cmpuint (datagrams, ==, 8);
}

static void
test_invalid_name (Dns           *d,
                   gconstpointer  data)
{
  const char *servers[] = { "127.0.0.1", NULL };
  const char *names[] = { "", ".", "bad name.example", "a..b", "ex\"ample.com", NULL };

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) results = probe (servers, d->black_hole_port, names[i], TIMEOUT, NULL);

      g_assert_cmpint (RESULT (results, 0)->status, ==, MATOU_DNS_INVALID_SERVER);
      g_assert_cmpfloat (RESULT (results, 0)->seconds, <, 0.5);
    }
}

static void
test_cancel (Dns           *d,
             gconstpointer  data)
{
  const char *servers[] = { "127.0.0.1", NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  gint64 start = g_get_monotonic_time ();

  matou_dns_probe_many_async (servers, d->black_hole_port, "registry-1.docker.io", 10, cancellable, matou_test_on_done, &result);
  g_timeout_add_once (100, (GSourceOnceFunc) g_cancellable_cancel, cancellable);
  results = matou_dns_probe_many_finish (matou_test_wait_for (&result), &error);

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (results);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

/* Crafted answers */

static void
put_u16 (GByteArray *packet,
         guint16     value)
{
  guint8 bytes[2] = { value >> 8, value & 0xFF };

  g_byte_array_append (packet, bytes, 2);
}

static void
put_name (GByteArray *packet,
          const char *name)
{
  g_auto(GStrv) labels = g_strsplit (name, ".", -1);
  guint8 zero = 0;

  for (guint i = 0; labels[i] != NULL; i++)
    {
      guint8 len = strlen (labels[i]);

      g_byte_array_append (packet, &len, 1);
      g_byte_array_append (packet, (const guint8 *) labels[i], len);
    }
  g_byte_array_append (packet, &zero, 1);
}

static void
put_pointer (GByteArray *packet,
             guint16     offset)
{
  put_u16 (packet, 0xC000 | offset);
}

static GByteArray *
reply_header (guint16 id,
              guint16 flags,
              guint16 qdcount,
              guint16 ancount)
{
  GByteArray *packet = g_byte_array_new ();

  put_u16 (packet, id);
  put_u16 (packet, flags);
  put_u16 (packet, qdcount);
  put_u16 (packet, ancount);
  put_u16 (packet, 0);
  put_u16 (packet, 0);

  return packet;
}

static void
put_question (GByteArray *packet,
              const char *name,
              guint16     qtype)
{
  put_name (packet, name);
  put_u16 (packet, qtype);
  put_u16 (packet, 1);
}

static void
put_record_header (GByteArray *packet,
                   guint16     type,
                   guint16     rdlength)
{
  put_u16 (packet, type);
  put_u16 (packet, 1);
  put_u16 (packet, 0);
  put_u16 (packet, 300);
  put_u16 (packet, rdlength);
}

static void
test_build_query (void)
{
  g_autoptr(GBytes) query = matou_dns_build_query (0x1234, "registry-1.docker.io", MATOU_DNS_TYPE_AAAA);
  static const guint8 expected[] = {
    0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
    10, 'r', 'e', 'g', 'i', 's', 't', 'r', 'y', '-', '1',
    6, 'd', 'o', 'c', 'k', 'e', 'r',
    2, 'i', 'o', 0,
    0, 28, 0, 1,
  };
  gsize size;
  const guint8 *data = g_bytes_get_data (query, &size);
  g_autofree char *long_label = g_strnfill (64, 'a');
  g_autoptr(GBytes) too_long = matou_dns_build_query (1, long_label, MATOU_DNS_TYPE_A);
  g_autoptr(GBytes) trailing_dot = matou_dns_build_query (1, "docker.io.", MATOU_DNS_TYPE_A);
  g_autoptr(GBytes) empty_label = matou_dns_build_query (1, "docker..io", MATOU_DNS_TYPE_A);

  g_assert_cmpmem (data, size, expected, sizeof expected);
  g_assert_null (too_long);
  g_assert_nonnull (trailing_dot);
  g_assert_null (empty_label);
}

/* A CNAME chain in scrambled order, with compression pointers, an address of
 * an unrelated owner that must not count, and a record of another class. */
static void
test_parse_chain (void)
{
  g_autoptr(GByteArray) packet = reply_header (7, 0x8180, 1, 4);
  g_autoptr(MatouDnsReply) reply = NULL;
  guint8 address[4] = { 192, 0, 2, 99 };
  guint8 other[4] = { 198, 51, 100, 1 };
  guint16 question_name = 12, middle_name;

  put_question (packet, "registry-1.docker.io", MATOU_DNS_TYPE_A);

  /* middle.cdn.example A 192.0.2.99 (the end of the chain, given first) */
  middle_name = packet->len;
  put_name (packet, "middle.cdn.example");
  put_record_header (packet, MATOU_DNS_TYPE_A, 4);
  g_byte_array_append (packet, address, 4);

  /* elsewhere.example A 198.51.100.1: not on the chain */
  put_name (packet, "elsewhere.example");
  put_record_header (packet, MATOU_DNS_TYPE_A, 4);
  g_byte_array_append (packet, other, 4);

  /* registry-1.docker.io CNAME edge.docker.io (owner by pointer) */
  put_pointer (packet, question_name);
  put_record_header (packet, MATOU_DNS_TYPE_CNAME, 7);
  {
    guint8 edge[] = { 4, 'e', 'd', 'g', 'e' };
    g_byte_array_append (packet, edge, sizeof edge);
    put_pointer (packet, question_name + 11);  /* "docker.io" inside the question */
  }

  /* edge.docker.io CNAME middle.cdn.example, both by pointer */
  {
    guint16 edge_name = packet->len - 7;

    put_pointer (packet, edge_name);
    put_record_header (packet, MATOU_DNS_TYPE_CNAME, 2);
    put_pointer (packet, middle_name);
  }

  reply = matou_dns_parse_reply (packet->data, packet->len, "registry-1.docker.io", MATOU_DNS_TYPE_A);
  g_assert_nonnull (reply);
  g_assert_cmpuint (reply->id, ==, 7);
  g_assert_cmpuint (reply->rcode, ==, 0);
  g_assert_false (reply->truncated);
  g_assert_cmpstr (reply->canonical_name, ==, "middle.cdn.example");
  g_assert_cmpuint (reply->addresses->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (reply->addresses, 0), ==, "192.0.2.99");
}

static void
test_parse_refusals (void)
{
  g_autoptr(GByteArray) loop = reply_header (1, 0x8180, 1, 1);
  g_autoptr(GByteArray) query = reply_header (1, 0x0100, 1, 0);
  g_autoptr(GByteArray) other_question = reply_header (1, 0x8180, 1, 0);
  g_autoptr(GByteArray) past_end = reply_header (1, 0x8180, 1, 1);
  g_autoptr(GByteArray) truncated = reply_header (1, 0x8380, 1, 1);
  g_autoptr(GByteArray) nxdomain = reply_header (1, 0x8183, 1, 0);
  g_autoptr(MatouDnsReply) reply = NULL;
  guint16 loop_at;

  /* A name that points at itself. */
  put_question (loop, "docker.io", MATOU_DNS_TYPE_A);
  loop_at = loop->len;
  put_pointer (loop, loop_at);
  put_record_header (loop, MATOU_DNS_TYPE_A, 4);
  g_byte_array_append (loop, (const guint8 *) "\x01\x02\x03\x04", 4);
  g_assert_null (matou_dns_parse_reply (loop->data, loop->len, "docker.io", MATOU_DNS_TYPE_A));

  /* A query is not an answer. */
  put_question (query, "docker.io", MATOU_DNS_TYPE_A);
  g_assert_null (matou_dns_parse_reply (query->data, query->len, "docker.io", MATOU_DNS_TYPE_A));

  /* An answer to another question is not ours. */
  put_question (other_question, "docker.com", MATOU_DNS_TYPE_A);
  g_assert_null (matou_dns_parse_reply (other_question->data, other_question->len, "docker.io", MATOU_DNS_TYPE_A));
  g_assert_null (matou_dns_parse_reply (other_question->data, other_question->len, "docker.com", MATOU_DNS_TYPE_AAAA));

  /* A record running past the end. */
  put_question (past_end, "docker.io", MATOU_DNS_TYPE_A);
  put_pointer (past_end, 12);
  put_record_header (past_end, MATOU_DNS_TYPE_A, 4);
  g_byte_array_append (past_end, (const guint8 *) "\x01\x02", 2);
  g_assert_null (matou_dns_parse_reply (past_end->data, past_end->len, "docker.io", MATOU_DNS_TYPE_A));

  /* The same, truncated (TC): what was read is kept, the flag reported. */
  put_question (truncated, "docker.io", MATOU_DNS_TYPE_A);
  put_pointer (truncated, 12);
  put_record_header (truncated, MATOU_DNS_TYPE_A, 4);
  g_byte_array_append (truncated, (const guint8 *) "\x01\x02", 2);
  reply = matou_dns_parse_reply (truncated->data, truncated->len, "docker.io", MATOU_DNS_TYPE_A);
  g_assert_nonnull (reply);
  g_assert_true (reply->truncated);
  g_assert_cmpuint (reply->addresses->len, ==, 0);
  g_clear_pointer (&reply, matou_dns_reply_free);

  put_question (nxdomain, "docker.io", MATOU_DNS_TYPE_A);
  reply = matou_dns_parse_reply (nxdomain->data, nxdomain->len, "docker.io", MATOU_DNS_TYPE_A);
  g_assert_nonnull (reply);
  g_assert_cmpuint (reply->rcode, ==, MATOU_DNS_RCODE_NXDOMAIN);

  g_assert_null (matou_dns_parse_reply ((const guint8 *) "\x00\x01\x81", 3, "docker.io", MATOU_DNS_TYPE_A));
  g_assert_null (matou_dns_parse_reply (NULL, 0, "docker.io", MATOU_DNS_TYPE_A));
}

/* Random and mutated packets: the parser never reads out of bounds (run
 * under valgrind or ASan to see it) and never crashes. */
static void
test_parse_garbage (void)
{
  g_autoptr(GByteArray) seed = reply_header (1, 0x8180, 1, 2);

  put_question (seed, "registry-1.docker.io", MATOU_DNS_TYPE_A);
  put_pointer (seed, 12);
  put_record_header (seed, MATOU_DNS_TYPE_CNAME, 2);
  put_pointer (seed, 12);
  put_pointer (seed, 12);
  put_record_header (seed, MATOU_DNS_TYPE_A, 4);
  g_byte_array_append (seed, (const guint8 *) "\x01\x02\x03\x04", 4);

  for (guint i = 0; i < 20000; i++)
    {
      g_autofree guint8 *copy = g_memdup2 (seed->data, seed->len);
      gsize length = g_test_rand_int_range (0, seed->len + 1);
      guint flips = g_test_rand_int_range (1, 6);
      g_autoptr(MatouDnsReply) reply = NULL;

      for (guint f = 0; f < flips && length > 0; f++)
        copy[g_test_rand_int_range (0, length)] = g_test_rand_int_range (0, 256);

      reply = matou_dns_parse_reply (copy, length, "registry-1.docker.io", MATOU_DNS_TYPE_A);
      if (reply != NULL)
        g_assert_nonnull (reply->addresses);
    }
}

/* resolv.conf */

static void
test_resolv_conf (void)
{
  g_autofree char *stub_path = matou_test_fixture_path ("resolv-resolved-stub.conf");
  g_autofree char *plain_path = matou_test_fixture_path ("resolv-plain.conf");
  g_autofree char *mixed_path = matou_test_fixture_path ("resolv-mixed.conf");
  g_auto(GStrv) stub = NULL;
  g_auto(GStrv) plain = NULL;
  g_auto(GStrv) mixed = NULL;
  g_auto(GStrv) missing = NULL;
  g_auto(GStrv) empty = NULL;
  g_autofree char *empty_path = NULL;
  gboolean loopback = TRUE;
  int fd;

  stub = matou_read_resolv_conf (stub_path, &loopback);
  g_assert_cmpuint (g_strv_length (stub), ==, 1);
  g_assert_cmpstr (stub[0], ==, "127.0.0.53");
  g_assert_true (loopback);

  plain = matou_read_resolv_conf (plain_path, &loopback);
  g_assert_cmpuint (g_strv_length (plain), ==, 2);
  g_assert_cmpstr (plain[0], ==, "223.5.5.5");
  g_assert_cmpstr (plain[1], ==, "119.29.29.29");
  g_assert_false (loopback);

  mixed = matou_read_resolv_conf (mixed_path, &loopback);
  g_assert_cmpuint (g_strv_length (mixed), ==, 4);
  g_assert_cmpstr (mixed[0], ==, "2400:3200::1");
  g_assert_cmpstr (mixed[1], ==, "fe80::1%eth0");
  g_assert_cmpstr (mixed[2], ==, "192.168.1.1");
  g_assert_cmpstr (mixed[3], ==, "::1");
  g_assert_true (loopback);

  missing = matou_read_resolv_conf ("/nonexistent/resolv.conf", &loopback);
  g_assert_null (missing);
  g_assert_false (loopback);

  fd = g_file_open_tmp ("matou-resolv-XXXXXX", &empty_path, NULL);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  empty = matou_read_resolv_conf (empty_path, NULL);
  g_assert_nonnull (empty);
  g_assert_cmpuint (g_strv_length (empty), ==, 0);
  g_unlink (empty_path);
}

/* A test with its own dnsmasq and stand-in servers, set up and torn down around it. */
#define add_dns_test(path, test) g_test_add ((path), Dns, NULL, dns_setup, (test), dns_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_dns_test ("/dns/answer", test_answer);
  add_dns_test ("/dns/cname", test_cname);
  add_dns_test ("/dns/ipv4-only", test_ipv4_only);
  add_dns_test ("/dns/nxdomain", test_nxdomain);
  add_dns_test ("/dns/refused", test_refused);
  add_dns_test ("/dns/ipv6-server", test_ipv6_server);
  add_dns_test ("/dns/dead-servers-in-parallel", test_dead_servers_in_parallel);
  add_dns_test ("/dns/invalid-name", test_invalid_name);
  add_dns_test ("/dns/cancel", test_cancel);
  g_test_add_func ("/dns/build-query", test_build_query);
  g_test_add_func ("/dns/parse-chain", test_parse_chain);
  g_test_add_func ("/dns/parse-refusals", test_parse_refusals);
  g_test_add_func ("/dns/parse-garbage", test_parse_garbage);
  g_test_add_func ("/dns/resolv-conf", test_resolv_conf);

  return g_test_run ();
}
