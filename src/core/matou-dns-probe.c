/* "Resolve registry-1.docker.io through THIS server", which GResolver cannot do: a small DNS client over UDP. */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "matou-dns-probe.h"
#include "matou-fan-out.h"
#include "matou-dns-probe-private.h"
#include "matou-probe.h"

#define DNS_HEADER_SIZE   12
#define DNS_CLASS_IN      1
#define DNS_FLAG_QR       0x8000
#define DNS_FLAG_TC       0x0200
#define DNS_FLAG_RD       0x0100
#define DNS_MAX_NAME      255
#define DNS_MAX_JUMPS     64
#define DNS_MAX_CHAIN     16
#define DNS_MAX_DATAGRAM  4096
/* After the first answer, how long the other query type may still take. */
#define SECOND_ANSWER_GRACE_MS 1000
#define MAX_ADDRESSES_SHOWN 4

/* DNS messages */

static gboolean
append_label_text (GString      *out,
                   const guint8 *label,
                   guint         length)
{
  if (out->len > 0)
    g_string_append_c (out, '.');

  for (guint i = 0; i < length; i++)
    {
      guint8 c = label[i];

      if (g_ascii_isalnum (c) || c == '-' || c == '_')
        g_string_append_c (out, g_ascii_tolower (c));
      else
        g_string_append_printf (out, "\\%03u", c);
    }

  return out->len <= 4 * DNS_MAX_NAME;
}

/* Reads the (possibly compressed) name at *offset into @out, lower case,
 * and moves *offset past it in the record. */
static gboolean
read_name (const guint8 *data,
           gsize         length,
           gsize        *offset,
           GString      *out)
{
  gsize pos = *offset;
  gsize wire_length = 0;
  guint jumps = 0;
  gboolean jumped = FALSE;

  g_string_truncate (out, 0);

  for (;;)
    {
      guint8 len;

      if (pos >= length)
        return FALSE;

      len = data[pos];
      if (len == 0)
        {
          if (!jumped)
            *offset = pos + 1;
          return TRUE;
        }

      if ((len & 0xC0) == 0xC0)
        {
          gsize target;

          if (pos + 1 >= length || ++jumps > DNS_MAX_JUMPS)
            return FALSE;
          target = ((gsize) (len & 0x3F) << 8) | data[pos + 1];
          if (target >= length)
            return FALSE;
          if (!jumped)
            *offset = pos + 2;
          jumped = TRUE;
          pos = target;
          continue;
        }

      if ((len & 0xC0) != 0)
        return FALSE;  /* the obsolete extended label types */

      wire_length += len + 1;
      if (wire_length > DNS_MAX_NAME || pos + 1 + len > length)
        return FALSE;
      if (!append_label_text (out, data + pos + 1, len))
        return FALSE;
      pos += 1 + len;
    }
}

static gboolean
read_u16 (const guint8 *data,
          gsize         length,
          gsize        *offset,
          guint16      *value)
{
  if (*offset + 2 > length)
    return FALSE;

  *value = (guint16) ((data[*offset] << 8) | data[*offset + 1]);
  *offset += 2;

  return TRUE;
}

static gboolean
valid_label (const char *label,
             gsize       length)
{
  if (length == 0 || length > 63)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!(g_ascii_isalnum (label[i]) || label[i] == '-' || label[i] == '_'))
      return FALSE;

  return TRUE;
}

GBytes *
matou_dns_build_query (guint16     id,
                       const char *name,
                       guint16     qtype)
{
  g_autoptr(GByteArray) packet = NULL;
  g_auto(GStrv) labels = NULL;
  g_autofree char *trimmed = NULL;
  guint8 header[DNS_HEADER_SIZE] = { 0 };
  guint8 tail[4];
  gsize n;

  g_return_val_if_fail (name != NULL, NULL);

  n = strlen (name);
  if (n > 0 && name[n - 1] == '.')
    n--;
  if (n == 0 || n > 253)
    return NULL;

  header[0] = id >> 8;
  header[1] = id & 0xFF;
  header[2] = DNS_FLAG_RD >> 8;
  header[5] = 1;  /* one question */

  packet = g_byte_array_sized_new (DNS_HEADER_SIZE + n + 6);
  g_byte_array_append (packet, header, sizeof header);

  trimmed = g_strndup (name, n);
  labels = g_strsplit (trimmed, ".", -1);

  for (guint i = 0; labels[i] != NULL; i++)
    {
      gsize len = strlen (labels[i]);
      guint8 len_byte = (guint8) len;

      if (!valid_label (labels[i], len))
        return NULL;
      g_byte_array_append (packet, &len_byte, 1);
      g_byte_array_append (packet, (const guint8 *) labels[i], len);
    }

  tail[0] = 0;
  g_byte_array_append (packet, tail, 1);
  tail[0] = qtype >> 8;
  tail[1] = qtype & 0xFF;
  tail[2] = 0;
  tail[3] = DNS_CLASS_IN;
  g_byte_array_append (packet, tail, 4);

  return g_byte_array_free_to_bytes (g_steal_pointer (&packet));
}

void
matou_dns_reply_free (MatouDnsReply *reply)
{
  if (reply == NULL)
    return;

  g_clear_pointer (&reply->addresses, g_ptr_array_unref);
  g_free (reply->canonical_name);
  g_free (reply);
}

typedef struct {
  char *owner;
  char *target;
} Alias;

static void
alias_free (Alias *alias)
{
  g_free (alias->owner);
  g_free (alias->target);
  g_free (alias);
}

typedef struct {
  char *owner;
  char *address;
} AddressRecord;

static void
address_record_free (AddressRecord *record)
{
  g_free (record->owner);
  g_free (record->address);
  g_free (record);
}

MatouDnsReply *
matou_dns_parse_reply (const guint8 *data,
                       gsize         length,
                       const char   *name,
                       guint16       qtype)
{
  g_autoptr(MatouDnsReply) reply = NULL;
  g_autoptr(GString) owner = g_string_new (NULL);
  g_autoptr(GString) target = g_string_new (NULL);
  g_autoptr(GPtrArray) aliases = g_ptr_array_new_with_free_func ((GDestroyNotify) alias_free);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) address_record_free);
  g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *qname = NULL;
  guint16 flags, qdcount, ancount;
  gsize offset = 0;

  g_return_val_if_fail (name != NULL, NULL);

  if (data == NULL || length < DNS_HEADER_SIZE)
    return NULL;

  qname = g_ascii_strdown (name, -1);
  if (g_str_has_suffix (qname, "."))
    qname[strlen (qname) - 1] = '\0';

  reply = g_new0 (MatouDnsReply, 1);
  reply->addresses = g_ptr_array_new_with_free_func (g_free);

  read_u16 (data, length, &offset, &reply->id);
  read_u16 (data, length, &offset, &flags);
  read_u16 (data, length, &offset, &qdcount);
  read_u16 (data, length, &offset, &ancount);
  offset = DNS_HEADER_SIZE;

  if (!(flags & DNS_FLAG_QR) || ((flags >> 11) & 0xF) != 0)
    return NULL;
  reply->rcode = flags & 0xF;
  reply->truncated = (flags & DNS_FLAG_TC) != 0;

  /* An answer repeats the question; one about another name is not ours. */
  if (qdcount > 1)
    return NULL;
  if (qdcount == 1)
    {
      guint16 type, klass;

      if (!read_name (data, length, &offset, owner) ||
          !read_u16 (data, length, &offset, &type) ||
          !read_u16 (data, length, &offset, &klass))
        return reply->truncated ? g_steal_pointer (&reply) : NULL;
      if (g_strcmp0 (owner->str, qname) != 0 || type != qtype || klass != DNS_CLASS_IN)
        return NULL;
    }

  for (guint i = 0; i < ancount; i++)
    {
      guint16 type, klass, rdlength, ttl_high, ttl_low;
      gsize rdata;

      if (!read_name (data, length, &offset, owner) ||
          !read_u16 (data, length, &offset, &type) ||
          !read_u16 (data, length, &offset, &klass) ||
          !read_u16 (data, length, &offset, &ttl_high) ||
          !read_u16 (data, length, &offset, &ttl_low) ||
          !read_u16 (data, length, &offset, &rdlength) ||
          offset + rdlength > length)
        {
          /* A truncated answer may stop in the middle of a record. */
          if (reply->truncated)
            break;
          return NULL;
        }

      rdata = offset;
      offset += rdlength;

      if (klass != DNS_CLASS_IN)
        continue;

      if (type == MATOU_DNS_TYPE_CNAME)
        {
          gsize name_offset = rdata;
          Alias *alias;

          if (!read_name (data, rdata + rdlength, &name_offset, target))
            return NULL;
          alias = g_new0 (Alias, 1);
          alias->owner = g_strdup (owner->str);
          alias->target = g_strdup (target->str);
          g_ptr_array_add (aliases, alias);
        }
      else if ((type == MATOU_DNS_TYPE_A && rdlength == 4 && qtype == MATOU_DNS_TYPE_A) ||
               (type == MATOU_DNS_TYPE_AAAA && rdlength == 16 && qtype == MATOU_DNS_TYPE_AAAA))
        {
          g_autoptr(GInetAddress) address =
            g_inet_address_new_from_bytes (data + rdata,
                                           type == MATOU_DNS_TYPE_A ? G_SOCKET_FAMILY_IPV4 : G_SOCKET_FAMILY_IPV6);
          AddressRecord *record = g_new0 (AddressRecord, 1);

          record->owner = g_strdup (owner->str);
          record->address = g_inet_address_to_string (address);
          g_ptr_array_add (records, record);
        }
    }

  /* Follow the CNAME chain from the name asked, in whatever order the
   * records came; a loop ends at the length limit. */
  g_ptr_array_add (chain, g_strdup (qname));
  for (guint hop = 0; hop < DNS_MAX_CHAIN; hop++)
    {
      const char *current = g_ptr_array_index (chain, chain->len - 1);
      const char *next = NULL;

      for (guint i = 0; i < aliases->len && next == NULL; i++)
        {
          Alias *alias = g_ptr_array_index (aliases, i);

          if (g_strcmp0 (alias->owner, current) == 0)
            next = alias->target;
        }

      if (next == NULL)
        break;
      for (guint i = 0; i < chain->len; i++)
        if (g_strcmp0 (g_ptr_array_index (chain, i), next) == 0)
          next = NULL;
      if (next == NULL)
        break;
      g_ptr_array_add (chain, g_strdup (next));
    }

  if (chain->len > 1)
    reply->canonical_name = g_strdup (g_ptr_array_index (chain, chain->len - 1));

  for (guint i = 0; i < records->len; i++)
    {
      AddressRecord *record = g_ptr_array_index (records, i);

      for (guint j = 0; j < chain->len; j++)
        if (g_strcmp0 (record->owner, g_ptr_array_index (chain, j)) == 0)
          {
            g_ptr_array_add (reply->addresses, g_strdup (record->address));
            break;
          }
    }

  return g_steal_pointer (&reply);
}

/* The probe of one server */

typedef void (*DnsProbeDone) (MatouDnsResult *result,
                              gpointer        user_data);

typedef struct {
  guint16        qtype;
  guint16        id;
  GBytes        *query;
  MatouDnsReply *reply;
  double         seconds;
} Question;

typedef struct {
  MatouDnsResult *result;
  char           *name;           /* ASCII, as asked */
  guint           timeout_seconds;
  GInetAddress   *address;

  GSocket        *socket;
  GSource        *read_source;
  GSource        *deadline;
  GSource        *retry;
  GSource        *grace;
  GCancellable   *cancellable;
  GCancellable   *caller_cancellable;
  gulong          caller_handler;
  gint            cancelled;      /* atomic */
  gint64          started;

  Question        questions[2];   /* A, then AAAA */

  DnsProbeDone    done;
  gpointer        done_data;
} DnsProbe;

void
matou_dns_result_free (MatouDnsResult *r)
{
  if (r == NULL)
    return;

  g_free (r->server);
  g_strfreev (r->addresses);
  g_free (r->detail);
  g_free (r->canonical_name);
  g_free (r);
}

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
dns_probe_free (DnsProbe *p)
{
  clear_source (&p->read_source);
  clear_source (&p->deadline);
  clear_source (&p->retry);
  clear_source (&p->grace);
  if (p->caller_handler != 0)
    g_cancellable_disconnect (p->caller_cancellable, p->caller_handler);
  g_clear_object (&p->caller_cancellable);
  g_clear_object (&p->cancellable);
  if (p->socket != NULL)
    g_socket_close (p->socket, NULL);
  g_clear_object (&p->socket);
  g_clear_object (&p->address);
  for (guint i = 0; i < G_N_ELEMENTS (p->questions); i++)
    {
      g_clear_pointer (&p->questions[i].query, g_bytes_unref);
      g_clear_pointer (&p->questions[i].reply, matou_dns_reply_free);
    }
  matou_dns_result_free (p->result);
  g_free (p->name);
  g_free (p);
}

static double
dns_elapsed (DnsProbe *p)
{
  return (g_get_monotonic_time () - p->started) / (double) G_USEC_PER_SEC;
}

static void
dns_probe_finish (DnsProbe       *p,
                  MatouDnsStatus  status,
                  char           *detail)
{
  MatouDnsResult *result = g_steal_pointer (&p->result);

  result->status = status;
  result->ok = status == MATOU_DNS_OK;
  g_free (result->detail);
  result->detail = detail;
  if (result->seconds == 0)
    result->seconds = dns_elapsed (p);

  p->done (result, p->done_data);
  dns_probe_free (p);
}

static const char *
rcode_name (guint rcode)
{
  switch (rcode)
    {
    case MATOU_DNS_RCODE_NOERROR:  return "NOERROR";
    case MATOU_DNS_RCODE_FORMERR:  return "FORMERR";
    case MATOU_DNS_RCODE_SERVFAIL: return "SERVFAIL";
    case MATOU_DNS_RCODE_NXDOMAIN: return "NXDOMAIN";
    case MATOU_DNS_RCODE_NOTIMP:   return "NOTIMP";
    case MATOU_DNS_RCODE_REFUSED:  return "REFUSED";
    default:                       return NULL;
    }
}

/* Decides from the answers received (at least one). */
static void
dns_probe_conclude (DnsProbe *p)
{
  Question *a = &p->questions[0];
  Question *aaaa = &p->questions[1];
  /* The A answer decides; AAAA adds addresses. */
  Question *main_q = a->reply != NULL ? a : aaaa;
  MatouDnsReply *reply = main_q->reply;
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *time = NULL;
  double seconds = 0;

  for (guint i = 0; i < G_N_ELEMENTS (p->questions); i++)
    {
      Question *q = &p->questions[i];

      if (q->reply == NULL)
        continue;
      seconds = MAX (seconds, q->seconds);
      if (q->reply->rcode != MATOU_DNS_RCODE_NOERROR)
        continue;
      for (guint j = 0; j < q->reply->addresses->len; j++)
        if (!g_ptr_array_find_with_equal_func (addresses, g_ptr_array_index (q->reply->addresses, j), g_str_equal, NULL))
          g_ptr_array_add (addresses, g_strdup (g_ptr_array_index (q->reply->addresses, j)));
      if (p->result->canonical_name == NULL && q->reply->canonical_name != NULL)
        p->result->canonical_name = g_strdup (q->reply->canonical_name);
    }

  p->result->seconds = seconds;
  time = matou_probe_format_seconds (seconds);

  g_ptr_array_add (addresses, NULL);
  g_strfreev (p->result->addresses);
  p->result->addresses = (char **) g_ptr_array_free (g_steal_pointer (&addresses), FALSE);

  switch (reply->rcode)
    {
    case MATOU_DNS_RCODE_NOERROR:
      if (p->result->addresses[0] != NULL)
        {
          g_autofree char *shown = NULL;
          guint n = g_strv_length (p->result->addresses);
          char *saved = NULL;

          if (n > MAX_ADDRESSES_SHOWN)
            {
              saved = p->result->addresses[MAX_ADDRESSES_SHOWN];
              p->result->addresses[MAX_ADDRESSES_SHOWN] = NULL;
            }
          shown = g_strjoinv (", ", p->result->addresses);
          if (saved != NULL)
            p->result->addresses[MAX_ADDRESSES_SHOWN] = saved;

          dns_probe_finish (p, MATOU_DNS_OK,
                            /* Translators: “Answered in 23 ms: 192.0.2.10, 2001:db8::10.” */
                            g_strdup_printf (_("Answered in %s: %s."), time, shown));
        }
      else if (reply->truncated)
        dns_probe_finish (p, MATOU_DNS_TRUNCATED,
                          g_strdup_printf (_("Answered in %s, but the answer was too long for this test to read. The server works; Docker will still be able to use it."),
                                           time));
      else
        dns_probe_finish (p, MATOU_DNS_NO_ADDRESS,
                          g_strdup_printf (_("Answered in %s, but with no address for %s: this server may filter the name. Choose another server."),
                                           time, p->name));
      return;

    case MATOU_DNS_RCODE_NXDOMAIN:
      dns_probe_finish (p, MATOU_DNS_NXDOMAIN,
                        g_strdup_printf (_("This server says %s does not exist (answered in %s). If the name is right, the server filters or rewrites it: choose another server."),
                                         p->name, time));
      return;

    case MATOU_DNS_RCODE_SERVFAIL:
      dns_probe_finish (p, MATOU_DNS_SERVFAIL,
                        g_strdup_printf (_("This server failed to look up %s (SERVFAIL): its own upstream servers did not answer it. Test again later, or choose another server."),
                                         p->name));
      return;

    case MATOU_DNS_RCODE_REFUSED:
      dns_probe_finish (p, MATOU_DNS_REFUSED,
                        g_strdup (_("This server refused to answer (REFUSED): it serves only its own network. Choose another server.")));
      return;

    default:
      {
        const char *code = rcode_name (reply->rcode);
        g_autofree char *number = g_strdup_printf ("%u", reply->rcode);

        dns_probe_finish (p, MATOU_DNS_BAD_REPLY,
                          g_strdup_printf (_("This server answered with error %s: it cannot look up this name. Choose another server."),
                                           code != NULL ? code : number));
      }
      return;
    }
}

static gboolean
dns_probe_complete (DnsProbe *p)
{
  for (guint i = 0; i < G_N_ELEMENTS (p->questions); i++)
    if (p->questions[i].reply == NULL)
      return FALSE;

  return TRUE;
}

static gboolean
on_grace (gpointer user_data)
{
  DnsProbe *p = user_data;

  g_clear_pointer (&p->grace, g_source_unref);
  dns_probe_conclude (p);

  return G_SOURCE_REMOVE;
}

static char *
unreachable_detail (DnsProbe     *p,
                    const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_strdup (_("Nothing answers DNS at this address: the port is closed. Check the address."));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE))
    {
      if (g_inet_address_get_family (p->address) == G_SOCKET_FAMILY_IPV6)
        return g_strdup (_("There is no route to this server: this computer has no IPv6 connection, or is offline. Use an IPv4 server."));
      return g_strdup (_("There is no route to this server: this computer is offline, or the network blocks that address. Check the network connection."));
    }

  return g_strdup_printf (_("This server cannot be reached: %s."), error->message);
}

static gboolean
on_readable (GSocket      *socket,
             GIOCondition  condition,
             gpointer      user_data)
{
  DnsProbe *p = user_data;

  for (;;)
    {
      guint8 buffer[DNS_MAX_DATAGRAM];
      g_autoptr(GError) error = NULL;
      gssize n;

      n = g_socket_receive (socket, (char *) buffer, sizeof buffer, NULL, &error);
      if (n < 0)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            return G_SOURCE_CONTINUE;
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            return G_SOURCE_CONTINUE;  /* the deadline or the caller ends the probe */

          g_clear_pointer (&p->read_source, g_source_unref);
          dns_probe_finish (p, MATOU_DNS_UNREACHABLE, unreachable_detail (p, error));
          return G_SOURCE_REMOVE;
        }

      if (n < DNS_HEADER_SIZE)
        continue;

      for (guint i = 0; i < G_N_ELEMENTS (p->questions); i++)
        {
          Question *q = &p->questions[i];
          guint16 id = (guint16) ((buffer[0] << 8) | buffer[1]);
          MatouDnsReply *reply;

          if (q->reply != NULL || id != q->id)
            continue;

          /* A reply that does not parse may be a stray packet: wait on. */
          reply = matou_dns_parse_reply (buffer, n, p->name, q->qtype);
          if (reply == NULL)
            continue;
          q->reply = reply;
          q->seconds = dns_elapsed (p);
        }

      if (dns_probe_complete (p))
        {
          g_clear_pointer (&p->read_source, g_source_unref);
          dns_probe_conclude (p);
          return G_SOURCE_REMOVE;
        }

      if (p->grace == NULL && (p->questions[0].reply != NULL || p->questions[1].reply != NULL))
        {
          p->grace = g_timeout_source_new (SECOND_ANSWER_GRACE_MS);
          g_source_set_callback (p->grace, on_grace, p, NULL);
          g_source_attach (p->grace, g_main_context_get_thread_default ());
        }
    }
}

static gboolean
send_queries (DnsProbe  *p,
              GError   **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (p->questions); i++)
    {
      Question *q = &p->questions[i];
      gsize size;
      const char *data;

      if (q->reply != NULL)
        continue;

      data = g_bytes_get_data (q->query, &size);
      if (g_socket_send (p->socket, data, size, NULL, error) < 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
on_retry (gpointer user_data)
{
  DnsProbe *p = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&p->retry, g_source_unref);

  /* A lost datagram is normal for UDP: ask again once. A send error here
   * is reported by the next receive, or by the deadline. */
  send_queries (p, &error);

  return G_SOURCE_REMOVE;
}

static gboolean
on_dns_deadline (gpointer user_data)
{
  DnsProbe *p = user_data;

  g_clear_pointer (&p->deadline, g_source_unref);

  if (g_atomic_int_get (&p->cancelled))
    dns_probe_finish (p, MATOU_DNS_TIMEOUT, g_strdup (_("The test was stopped.")));
  else if (p->questions[0].reply != NULL || p->questions[1].reply != NULL)
    dns_probe_conclude (p);
  else
    dns_probe_finish (p, MATOU_DNS_TIMEOUT,
                      g_strdup_printf (_("No answer within %u s: this server is unreachable from here, or the network blocks DNS traffic to it. Choose another server."),
                                       p->timeout_seconds));

  return G_SOURCE_REMOVE;
}

static void
on_dns_caller_cancelled (GCancellable *cancellable,
                         gpointer      user_data)
{
  DnsProbe *p = user_data;

  /* Not from inside the signal, which may come from another thread: the
   * deadline fires at once and finishes the probe in its own context. */
  g_atomic_int_set (&p->cancelled, TRUE);
  if (p->deadline != NULL)
    g_source_set_ready_time (p->deadline, 0);
}

static GSource *
attach_timeout (guint       ms,
                GSourceFunc func,
                gpointer    data)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());

  return source;
}

static gboolean
on_finish_later (gpointer user_data)
{
  DnsProbe *p = user_data;
  MatouDnsStatus status = p->result->status;
  char *detail = g_steal_pointer (&p->result->detail);

  g_clear_pointer (&p->deadline, g_source_unref);
  dns_probe_finish (p, status, detail);

  return G_SOURCE_REMOVE;
}

/* Finishes @p from the caller's main context, never from inside the call
 * that started it. */
static void
dns_probe_finish_later (DnsProbe       *p,
                        MatouDnsStatus  status,
                        char           *detail)
{
  p->result->status = status;
  g_free (p->result->detail);
  p->result->detail = detail;
  clear_source (&p->deadline);
  p->deadline = attach_timeout (0, on_finish_later, p);
}

static GInetAddress *
parse_server (const char *server)
{
  g_autofree char *text = g_strstrip (g_strdup (server != NULL ? server : ""));
  gsize n = strlen (text);

  if (n >= 2 && text[0] == '[' && text[n - 1] == ']')
    {
      text[n - 1] = '\0';
      return g_inet_address_new_from_string (text + 1);
    }

  return g_inet_address_new_from_string (text);
}

/* Takes @p; calls p->done exactly once, never from inside this call. */
static void
dns_probe_start (DnsProbe *p,
                 guint     port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autofree char *ascii = NULL;

  p->started = g_get_monotonic_time ();
  p->cancellable = g_cancellable_new ();

  p->address = parse_server (p->result->server);
  if (p->address == NULL)
    {
      dns_probe_finish_later (p, MATOU_DNS_INVALID_SERVER,
                              g_strdup_printf (_("“%s” is not an IP address: enter a DNS server as an address, such as 223.5.5.5."),
                                               p->result->server != NULL ? p->result->server : ""));
      return;
    }

  ascii = p->name != NULL ? g_hostname_to_ascii (p->name) : NULL;
  for (guint i = 0; i < G_N_ELEMENTS (p->questions); i++)
    {
      Question *q = &p->questions[i];

      q->qtype = i == 0 ? MATOU_DNS_TYPE_A : MATOU_DNS_TYPE_AAAA;
      q->id = (guint16) g_random_int_range (0, 0x10000);
      if (i == 1 && q->id == p->questions[0].id)
        q->id ^= 0x8000;
      q->query = ascii != NULL ? matou_dns_build_query (q->id, ascii, q->qtype) : NULL;
    }
  if (p->questions[0].query == NULL)
    {
      dns_probe_finish_later (p, MATOU_DNS_INVALID_SERVER,
                              g_strdup_printf (_("“%s” is not a host name that can be looked up."),
                                               p->name != NULL ? p->name : ""));
      return;
    }
  g_free (p->name);
  p->name = g_steal_pointer (&ascii);

  socket_address = g_inet_socket_address_new (p->address, port != 0 ? port : 53);
  p->socket = g_socket_new (g_inet_address_get_family (p->address), G_SOCKET_TYPE_DATAGRAM,
                            G_SOCKET_PROTOCOL_UDP, &error);
  if (p->socket != NULL)
    {
      g_socket_set_blocking (p->socket, FALSE);
      /* Connected, so that only this server's datagrams arrive and a closed
       * port is reported (ICMP) instead of waiting for the deadline. */
      if (g_socket_connect (p->socket, socket_address, NULL, &error))
        send_queries (p, &error);
    }
  if (error != NULL)
    {
      dns_probe_finish_later (p, MATOU_DNS_UNREACHABLE, unreachable_detail (p, error));
      return;
    }

  p->read_source = g_socket_create_source (p->socket, G_IO_IN | G_IO_ERR | G_IO_HUP, p->cancellable);
  g_source_set_callback (p->read_source, (GSourceFunc) (void (*) (void)) on_readable, p, NULL);
  g_source_attach (p->read_source, g_main_context_get_thread_default ());

  p->retry = attach_timeout (p->timeout_seconds * 1000 / 2, on_retry, p);
  p->deadline = attach_timeout (p->timeout_seconds * 1000, on_dns_deadline, p);

  if (p->caller_cancellable != NULL)
    p->caller_handler = g_cancellable_connect (p->caller_cancellable, G_CALLBACK (on_dns_caller_cancelled), p, NULL);
}

/* matou_dns_probe_many_async */

static void
on_dns_probe_done (MatouDnsResult *result,
                   gpointer        part)
{
  matou_fan_out_part_done (part, result);
}

void
matou_dns_probe_many_async (const char * const  *servers,
                            guint                port,
                            const char          *name,
                            guint                timeout_seconds,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  guint n = servers != NULL ? g_strv_length ((char **) servers) : 0;

  g_return_if_fail (port <= G_MAXUINT16);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = matou_fan_out_new (matou_dns_probe_many_async, n, (GDestroyNotify) matou_dns_result_free, cancellable, callback, user_data);
  if (task == NULL)
    return;

  for (guint i = 0; i < n; i++)
    {
      DnsProbe *p = g_new0 (DnsProbe, 1);

      p->result = g_new0 (MatouDnsResult, 1);
      p->result->server = g_strdup (servers[i]);
      p->result->addresses = g_new0 (char *, 1);
      p->name = g_strdup (name);
      p->timeout_seconds = MAX (timeout_seconds, 1);
      p->caller_cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
      p->done = on_dns_probe_done;
      p->done_data = matou_fan_out_part (task, i);

      dns_probe_start (p, port);
    }
}

GPtrArray *
matou_dns_probe_many_finish (GAsyncResult  *result,
                             GError       **error)
{
  return matou_fan_out_finish (result, matou_dns_probe_many_async, error);
}

/* resolv.conf */

char **
matou_read_resolv_conf (const char *path,
                        gboolean   *has_loopback_stub)
{
  g_autofree char *contents = NULL;

  if (has_loopback_stub != NULL)
    *has_loopback_stub = FALSE;

  if (!g_file_get_contents (path != NULL ? path : "/etc/resolv.conf", &contents, NULL, NULL))
    return NULL;

  return matou_parse_resolv_conf (contents, has_loopback_stub);
}

char **
matou_parse_resolv_conf (const char *contents,
                         gboolean   *has_loopback_stub)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func (g_free);
  gboolean loopback = FALSE;

  if (has_loopback_stub != NULL)
    *has_loopback_stub = FALSE;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;
      g_autoptr(GInetAddress) address = NULL;
      g_autofree char *bare = NULL;
      const char *line = g_strstrip (lines[i]);
      char *zone;
      guint n_words = 0;

      if (*line == '#' || *line == ';' || *line == '\0')
        continue;

      words = g_strsplit_set (line, " \t", -1);
      for (guint j = 0; words[j] != NULL; j++)
        if (*words[j] != '\0')
          words[n_words++] = words[j];
        else
          g_free (words[j]);
      words[n_words] = NULL;

      if (n_words < 2 || g_strcmp0 (words[0], "nameserver") != 0)
        continue;

      /* An IPv6 link-local server carries its interface: fe80::1%eth0. */
      bare = g_strdup (words[1]);
      zone = strchr (bare, '%');
      if (zone != NULL)
        *zone = '\0';
      address = g_inet_address_new_from_string (bare);
      if (address == NULL)
        continue;

      if (g_inet_address_get_is_loopback (address))
        loopback = TRUE;
      g_ptr_array_add (servers, g_strdup (words[1]));
    }

  if (has_loopback_stub != NULL)
    *has_loopback_stub = loopback;

  g_ptr_array_add (servers, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&servers), FALSE);
}

typedef struct {
  char     *path;
  char    **servers;
  gboolean  stub;
} ResolvTask;

static void
resolv_task_free (ResolvTask *data)
{
  g_free (data->path);
  g_strfreev (data->servers);
  g_free (data);
}

static void
read_resolv_in_thread (GTask        *task,
                       gpointer      source,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  ResolvTask *data = task_data;

  data->servers = matou_read_resolv_conf (data->path, &data->stub);
  g_task_return_boolean (task, TRUE);
}

/* matou_read_resolv_conf() in a worker thread, so that no window waits on a file. */
void
matou_read_resolv_conf_async (const char          *path,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ResolvTask *data = g_new0 (ResolvTask, 1);

  data->path = g_strdup (path);
  g_task_set_source_tag (task, matou_read_resolv_conf_async);
  g_task_set_task_data (task, data, (GDestroyNotify) resolv_task_free);
  g_task_run_in_thread (task, read_resolv_in_thread);
}

/* Returns what matou_read_resolv_conf() does; NULL also when cancelled. */
char **
matou_read_resolv_conf_finish (GAsyncResult *result,
                               gboolean     *has_loopback_stub)
{
  ResolvTask *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return NULL;

  if (has_loopback_stub != NULL)
    *has_loopback_stub = data->stub;
  return g_steal_pointer (&data->servers);
}
