/* The validation rules, checked through the messages a user would read. */
#include <string.h>

#include "matou-error.h"
#include "matou-validate.h"

typedef gboolean (*ValidateFunc) (const char *value, GError **error);

/* Fails the test unless @func refuses @value with a message holding every
 * one of @expected and none of @hidden. */
static void
assert_refused (ValidateFunc  func,
                const char   *value,
                const char   *expected,
                const char   *expected2,
                const char   *hidden)
{
  g_autoptr(GError) error = NULL;

  if (func (value, &error))
    g_error ("“%s” was accepted", value);

  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE);
  if (strstr (error->message, expected) == NULL)
    g_error ("message for “%s” lacks “%s”: %s", value, expected, error->message);
  if (expected2 != NULL && strstr (error->message, expected2) == NULL)
    g_error ("message for “%s” lacks “%s”: %s", value, expected2, error->message);
  if (hidden != NULL && strstr (error->message, hidden) != NULL)
    g_error ("message for “%s” shows “%s”: %s", value, hidden, error->message);
}

static void
assert_accepted (ValidateFunc  func,
                 const char   *value)
{
  g_autoptr(GError) error = NULL;

  if (!func (value, &error))
    g_error ("“%s” was refused: %s", value, error->message);
}

static gboolean
mirror_no_path (const char  *url,
                GError     **error)
{
  return matou_validate_mirror (url, FALSE, error);
}

static gboolean
mirror_with_path (const char  *url,
                  GError     **error)
{
  return matou_validate_mirror (url, TRUE, error);
}

static void
test_unit_safe (void)
{
  g_assert_true (matou_value_is_unit_safe (NULL));
  g_assert_true (matou_value_is_unit_safe (""));
  g_assert_true (matou_value_is_unit_safe ("http://user:p%40ss@proxy.example.com:3128"));
  g_assert_true (matou_value_is_unit_safe ("localhost,127.0.0.1,.corp,*.内部.cn"));

  g_assert_false (matou_value_is_unit_safe ("http://p:3128\nExecStartPre=/bin/sh"));
  g_assert_false (matou_value_is_unit_safe ("http://p:3128\r"));
  g_assert_false (matou_value_is_unit_safe ("a\tb"));
  g_assert_false (matou_value_is_unit_safe ("a b"));
  g_assert_false (matou_value_is_unit_safe ("a\"b"));
  g_assert_false (matou_value_is_unit_safe ("a'b"));
  g_assert_false (matou_value_is_unit_safe ("a\\b"));
  g_assert_false (matou_value_is_unit_safe ("a\x01" "b"));
  g_assert_false (matou_value_is_unit_safe ("a\x7f" "b"));
  g_assert_false (matou_value_is_unit_safe ("a\xc2\xa0" "b"));     /* no-break space */
  g_assert_false (matou_value_is_unit_safe ("a\xe2\x80\xa8" "b")); /* line separator */
  g_assert_false (matou_value_is_unit_safe ("a\xe2\x80\x8b" "b")); /* zero-width space */
  g_assert_false (matou_value_is_unit_safe ("a\xff"));

  /* The message says where, why, and never repeats the value. */
  assert_refused (matou_validate_unit_safe, "http://u:secret@p:3128\nX=1",
                  "a line break (character 23)", "systemd unit file", "secret");
}

static void
test_mirror (void)
{
  assert_accepted (mirror_no_path, "https://docker.1ms.run");
  assert_accepted (mirror_no_path, "https://docker.1ms.run/");
  assert_accepted (mirror_no_path, "HTTPS://Docker.1ms.run");
  assert_accepted (mirror_no_path, "http://10.0.0.1:5000");
  assert_accepted (mirror_no_path, "https://[2001:db8::1]:5000/");
  assert_accepted (mirror_no_path, "https://abc123.mirror.aliyuncs.com");

  assert_refused (mirror_no_path, "", "Enter a mirror address", NULL, NULL);
  assert_refused (mirror_no_path, "ftp://x", "“ftp://x” is not a mirror address",
                  "https://docker.1ms.run", NULL);
  assert_refused (mirror_no_path, "docker.1ms.run", "put https:// in front",
                  "https://docker.1ms.run.", NULL);
  assert_refused (mirror_no_path, "https://user:hunter2@mirror.example.com",
                  "user name or password", "docker login", "hunter2");
  assert_refused (mirror_no_path, "https://mirror.example.com?token=1", "query", NULL, NULL);
  assert_refused (mirror_no_path, "https://mirror.example.com/#top", "fragment", NULL, NULL);
  assert_refused (mirror_no_path, "https://mirror.example.com/v2/hub", "has a path (/v2/hub)",
                  "before 25.0", NULL);
  assert_refused (mirror_no_path, "https://", "no host name", NULL, NULL);
  assert_refused (mirror_no_path, "https:///path", "no host name", NULL, NULL);
  assert_refused (mirror_no_path, "https://mirror.example.com:0", "port outside 1–65535", NULL, NULL);
  assert_refused (mirror_no_path, "https://mirror.example.com:65536", "port outside 1–65535", NULL, NULL);
  assert_refused (mirror_no_path, "https://mirror.example.com/%zz", "is not a valid address", NULL, NULL);
  assert_refused (mirror_no_path, "https://mirror example.com", "a space (character 15)", NULL, NULL);
  assert_refused (mirror_no_path, "https://mirror.example.com\n", "a line break", "\\n", NULL);
  assert_refused (mirror_no_path, "https://mirror.example.com\"", "a double quote", NULL, NULL);
  assert_refused (mirror_no_path, "https://mirror.example.com\\", "a backslash", NULL, NULL);

  /* From Engine 25.0 a path is the caller's to allow. */
  assert_accepted (mirror_with_path, "https://mirror.example.com/v2/hub");
  assert_refused (mirror_with_path, "https://mirror.example.com/v2?x", "query", NULL, NULL);
}

static void
test_mirror_list (void)
{
  const char *good[] = { "https://docker.1ms.run", "https://dockerproxy.net/", NULL };
  const char *duplicate[] = {
    "https://docker.1ms.run", "https://dockerproxy.net", "HTTPS://Docker.1MS.run/", NULL
  };
  const char *bad[] = { "https://docker.1ms.run", "docker.m.daocloud.io", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *normal = NULL;

  g_assert_true (matou_validate_mirror_list (good, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (matou_validate_mirror_list (NULL, FALSE, &error));
  g_assert_no_error (error);

  g_assert_false (matou_validate_mirror_list (duplicate, FALSE, &error));
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE);
  g_assert_cmpstr (error->message, ==,
                   "Mirror 3, “HTTPS://Docker.1MS.run/”, is the same as mirror 1: remove one of them.");
  g_clear_error (&error);

  g_assert_false (matou_validate_mirror_list (bad, FALSE, &error));
  g_assert_true (g_str_has_prefix (error->message, "Mirror 2: “docker.m.daocloud.io”"));

  normal = matou_mirror_normalise ("HTTPS://Docker.1MS.run:5000/");
  g_assert_cmpstr (normal, ==, "https://docker.1ms.run:5000");
}

static void
test_dns (void)
{
  const char *good[] = { "223.5.5.5", "2400:3200::1", "119.29.29.29", NULL };
  const char *duplicate[] = { "2400:3200::1", "223.5.5.5", "2400:3200:0:0::1", NULL };
  g_autoptr(GError) error = NULL;

  assert_accepted (matou_validate_dns, "223.5.5.5");
  assert_accepted (matou_validate_dns, "2400:3200::1");
  assert_accepted (matou_validate_dns, "::ffff:1.2.3.4");

  assert_refused (matou_validate_dns, "", "Enter the IP address", NULL, NULL);
  assert_refused (matou_validate_dns, "dns.google", "is a name, not an IP address", NULL, NULL);
  assert_refused (matou_validate_dns, "8.8.8.8:53", "has a port", "port 53", NULL);
  assert_refused (matou_validate_dns, "[2001:db8::1]:53", "has a port", NULL, NULL);
  assert_refused (matou_validate_dns, "1.2.3", "is not an IP address", NULL, NULL);
  assert_refused (matou_validate_dns, "1.2.3.256", "is not an IP address", NULL, NULL);
  assert_refused (matou_validate_dns, "0.0.0.0", "not the address of any DNS server", NULL, NULL);
  assert_refused (matou_validate_dns, " 8.8.8.8", "a space (character 1)", NULL, NULL);

  g_assert_true (matou_validate_dns_list (good, &error));
  g_assert_no_error (error);

  /* Spelled differently, the same address. */
  g_assert_false (matou_validate_dns_list (duplicate, &error));
  g_assert_cmpstr (error->message, ==,
                   "DNS server 3, “2400:3200:0:0::1”, is the same address as server 1: remove one of them.");
  g_clear_error (&error);

  {
    const char *bad[] = { "223.5.5.5", "dns.alidns.com", NULL };

    g_assert_false (matou_validate_dns_list (bad, &error));
    g_assert_true (g_str_has_prefix (error->message, "DNS server 2: “dns.alidns.com” is a name"));
  }
}

static void
test_proxy_url (void)
{
  assert_accepted (matou_validate_proxy_url, "http://127.0.0.1:7890");
  assert_accepted (matou_validate_proxy_url, "http://proxy.example.com:3128/");
  assert_accepted (matou_validate_proxy_url, "https://proxy.example.com");
  assert_accepted (matou_validate_proxy_url, "socks5://127.0.0.1:1080");
  assert_accepted (matou_validate_proxy_url, "SOCKS5H://127.0.0.1:1080");
  assert_accepted (matou_validate_proxy_url, "http://user:p%40ss@proxy.example.com:3128");
  assert_accepted (matou_validate_proxy_url, "http://[2001:db8::1]:3128");

  assert_refused (matou_validate_proxy_url, "", "Enter a proxy address", NULL, NULL);
  assert_refused (matou_validate_proxy_url, "proxy.example.com:3128", "needs http://",
                  "http://proxy.example.com:3128.", NULL);
  assert_refused (matou_validate_proxy_url, "ftp://proxy.example.com", "starts with ftp://",
                  "socks5://", NULL);
  assert_refused (matou_validate_proxy_url, "http://proxy.example.com:70000", "port outside 1–65535", NULL, NULL);
  assert_refused (matou_validate_proxy_url, "http://proxy.example.com:0", "port outside 1–65535", NULL, NULL);
  assert_refused (matou_validate_proxy_url, "http://:3128", "no host name", NULL, NULL);
  assert_refused (matou_validate_proxy_url, "http://u:hunter2@proxy.example.com:3128/pac",
                  "has a path (/pac)", "xxxxx", "hunter2");
  assert_refused (matou_validate_proxy_url, "http://proxy.example.com:3128?x=1", "query or fragment", NULL, NULL);

  /* Checked for the unit file first, and the message says so. */
  assert_refused (matou_validate_proxy_url, "http://u:hunter2@p:3128\nExecStartPre=/bin/sh",
                  "a line break", "systemd unit file", "hunter2");
  assert_refused (matou_validate_proxy_url, "http://p:3128\" \"LD_PRELOAD=/tmp/x.so",
                  "a double quote", "systemd unit file", "LD_PRELOAD");
  assert_refused (matou_validate_proxy_url, "http://p:3128\\", "a backslash", "systemd unit file", NULL);
  assert_refused (matou_validate_proxy_url, "http://p:3128 ", "a space", "systemd unit file", NULL);
}

static void
test_no_proxy (void)
{
  assert_accepted (matou_validate_no_proxy, "");
  assert_accepted (matou_validate_no_proxy, NULL);
  assert_accepted (matou_validate_no_proxy, "*");
  assert_accepted (matou_validate_no_proxy, "localhost,127.0.0.1,.corp");
  assert_accepted (matou_validate_no_proxy,
                   "*.example.com,10.0.0.0/8,fd00::/8,::1,[::1]:8080,example.com:8443,"
                   "192.168.1.1:80,_srv.internal,docker-registry,中文.cn,0.0.0.0/0");

  assert_refused (matou_validate_no_proxy, "localhost,,.corp", "Entry 2 of the no-proxy list is empty",
                  "extra comma", NULL);
  assert_refused (matou_validate_no_proxy, "localhost,", "Entry 2 of the no-proxy list is empty", NULL, NULL);
  assert_refused (matou_validate_no_proxy, ",localhost", "Entry 1 of the no-proxy list is empty", NULL, NULL);
  assert_refused (matou_validate_no_proxy, "*,localhost", "can only stand alone", NULL, NULL);
  assert_refused (matou_validate_no_proxy, "localhost,10.0.0.0/33", "No-proxy entry 2: ",
                  "number from 0 to 32", NULL);
  /* GInetAddressMask would print a warning for 129, fatal in the tests. */
  assert_refused (matou_validate_no_proxy, "fe80::/129", "number from 0 to 128", NULL, NULL);
  assert_refused (matou_validate_no_proxy, "10.0.0.0/-1", "number from 0 to 32", NULL, NULL);
  assert_refused (matou_validate_no_proxy, "192.168.1.1/24", "192.168.1.0/24", NULL, NULL);
  assert_refused (matou_validate_no_proxy, "2001:db8::1/32", "2001:db8::/32", NULL, NULL);
  assert_refused (matou_validate_no_proxy, "example.com/24", "is not a network", NULL, NULL);
  assert_refused (matou_validate_no_proxy, "bad_host!", "is not a host name", NULL, NULL);
  assert_refused (matou_validate_no_proxy, "-bad.example.com", "is not a host name", NULL, NULL);
  assert_refused (matou_validate_no_proxy, "example..com", "is not a host name", NULL, NULL);
  assert_refused (matou_validate_no_proxy, ".", "is not a host name", NULL, NULL);
  assert_refused (matou_validate_no_proxy, "example.com:0", "port outside 1–65535", NULL, NULL);
  assert_refused (matou_validate_no_proxy, "example.com:http", "port outside 1–65535", NULL, NULL);
  assert_refused (matou_validate_no_proxy, "[::1", "IPv6 address in brackets", NULL, NULL);
  assert_refused (matou_validate_no_proxy, "[::1]:99999", "port outside 1–65535", NULL, NULL);
  assert_refused (matou_validate_no_proxy, "fe80::1::2:80", "IPv6 address with a port", NULL, NULL);

  /* Checked for the unit file first. */
  assert_refused (matou_validate_no_proxy, "localhost, .corp", "a space (character 11)",
                  "systemd unit file", NULL);
  assert_refused (matou_validate_no_proxy, "localhost\n[Service]", "a line break", "systemd unit file", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validate/unit-safe", test_unit_safe);
  g_test_add_func ("/validate/mirror", test_mirror);
  g_test_add_func ("/validate/mirror-list", test_mirror_list);
  g_test_add_func ("/validate/dns", test_dns);
  g_test_add_func ("/validate/proxy-url", test_proxy_url);
  g_test_add_func ("/validate/no-proxy", test_no_proxy);

  return g_test_run ();
}
