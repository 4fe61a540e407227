/* The proxy drop-in for Engine < 23: what systemd would read after Matou writes it. */
#include <string.h>

#include "matou-error.h"
#include "matou-proxy-dropin.h"
#include "matou-test-util.h"

/* FACTS.md's example, as a user following Docker's documentation writes it. */
#define DOCS_EXAMPLE \
  "[Service]\n" \
  "Environment=\"HTTP_PROXY=http://proxy.example.com:3128\"\n" \
  "Environment=\"HTTPS_PROXY=http://proxy.example.com:3128\"\n" \
  "Environment=\"NO_PROXY=localhost,127.0.0.1,.corp\"\n"

static void
test_new_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean only_section = TRUE;

  text = matou_proxy_dropin_render (NULL, "http://proxy.example.com:3128", "http://proxy.example.com:3128",
                                    "localhost,127.0.0.1,.corp", &only_section, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, DOCS_EXAMPLE);
  g_assert_false (only_section);
}

/* Writing the values a file already has changes nothing. */
static void
test_same_values_same_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *http = NULL;
  g_autofree char *https = NULL;
  g_autofree char *no = NULL;
  g_autofree char *text = NULL;

  g_assert_true (matou_proxy_dropin_read (DOCS_EXAMPLE, &http, &https, &no));
  text = matou_proxy_dropin_render (DOCS_EXAMPLE, http, https, no, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, DOCS_EXAMPLE);
}

static void
test_foreign_lines_kept (void)
{
  g_autofree char *existing = matou_test_read_fixture ("dropin-foreign.conf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *http = NULL;
  g_autofree char *https = NULL;
  g_autofree char *no = NULL;
  gboolean only_section = TRUE;

  /* Upper case wins over lower case, as in the daemon. */
  g_assert_true (matou_proxy_dropin_read (existing, &http, &https, &no));
  g_assert_cmpstr (http, ==, "http://old.example.com:3128");
  g_assert_null (https);
  g_assert_cmpstr (no, ==, "localhost,.corp");

  text = matou_proxy_dropin_render (existing, "http://new.example.com:8080", NULL, "localhost",
                                    &only_section, &error);
  g_assert_no_error (error);
  g_assert_false (only_section);
  g_assert_cmpstr (text, ==,
                   "# Written by hand: Matou must keep this comment\n"
                   "[Unit]\n"
                   "Description=Docker proxy settings\n"
                   "\n"
                   "[Service]\n"
                   "Environment=\"FOO=bar\"\n"
                   "Environment=\"KEEP=1\"\n"
                   "LimitNOFILE=1048576\n"
                   "; another comment\n"
                   "Environment=\"HTTP_PROXY=http://new.example.com:8080\"\n"
                   "Environment=\"NO_PROXY=localhost\"\n"
                   "\n"
                   "[Install]\n"
                   "WantedBy=multi-user.target\n");

  g_clear_pointer (&http, g_free);
  g_clear_pointer (&no, g_free);
  g_assert_true (matou_proxy_dropin_read (text, &http, NULL, &no));
  g_assert_cmpstr (http, ==, "http://new.example.com:8080");
  g_assert_cmpstr (no, ==, "localhost");
}

static void
test_clear (void)
{
  g_autofree char *existing = matou_test_read_fixture ("dropin-foreign.conf", NULL);
  g_autofree char *cleared = NULL;
  g_autofree char *only_ours = NULL;
  gboolean only_section = TRUE;

  cleared = matou_proxy_dropin_clear (existing, &only_section);
  g_assert_false (only_section);
  g_assert_false (matou_proxy_dropin_read (cleared, NULL, NULL, NULL));
  g_assert_null (strstr (cleared, "PROXY"));
  g_assert_null (strstr (cleared, "proxy="));
  g_assert_nonnull (strstr (cleared, "# Written by hand: Matou must keep this comment\n"));
  g_assert_nonnull (strstr (cleared, "Environment=\"FOO=bar\"\nEnvironment=\"KEEP=1\"\nLimitNOFILE=1048576\n"));
  g_assert_nonnull (strstr (cleared, "[Install]\nWantedBy=multi-user.target\n"));

  /* A file that held only Matou's lines can go. */
  only_ours = matou_proxy_dropin_clear (DOCS_EXAMPLE, &only_section);
  g_assert_true (only_section);
  g_assert_cmpstr (only_ours, ==, "[Service]\n");
}

/* systemd reads "%" as a specifier: "%%" is a literal percent sign. */
static void
test_percent (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *http = NULL;

  text = matou_proxy_dropin_render (NULL, "http://user:p%40ss@proxy.example.com:3128", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==,
                   "[Service]\n"
                   "Environment=\"HTTP_PROXY=http://user:p%%40ss@proxy.example.com:3128\"\n");

  g_assert_true (matou_proxy_dropin_read (text, &http, NULL, NULL));
  g_assert_cmpstr (http, ==, "http://user:p%40ss@proxy.example.com:3128");
}

/* A value that could end its quotes and start a directive is refused, and
 * nothing is rendered to write. */
static void
test_unsafe_refused (void)
{
  const char *unsafe[] = {
    "http://p:3128\nExecStartPre=/bin/sh -c 'id > /tmp/pwned'",
    "http://p:3128\" \"LD_PRELOAD=/tmp/evil.so",
    "http://p:3128\\",
    "http://p:3128\r",
    "http://p:3128 x",
  };
  const char *labels[] = { "HTTP proxy: ", "HTTPS proxy: ", "No-proxy list: " };

  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    for (guint field = 0; field < 3; field++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *text = NULL;
        gboolean only_section = TRUE;

        text = matou_proxy_dropin_render (DOCS_EXAMPLE,
                                          field == 0 ? unsafe[i] : "http://ok:1",
                                          field == 1 ? unsafe[i] : NULL,
                                          field == 2 ? unsafe[i] : NULL,
                                          &only_section, &error);
        g_assert_null (text);
        g_assert_error (error, MATOU_ERROR, MATOU_ERROR_INVALID_VALUE);
        g_assert_true (g_str_has_prefix (error->message, labels[field]));
        g_assert_nonnull (strstr (error->message, "systemd unit file"));
        g_assert_null (strstr (error->message, "ExecStartPre"));
      }
}

static void
test_no_service_section (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = matou_proxy_dropin_render ("[Unit]\nDescription=x", "http://p:3128", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==,
                   "[Unit]\n"
                   "Description=x\n"
                   "\n"
                   "[Service]\n"
                   "Environment=\"HTTP_PROXY=http://p:3128\"\n");
}

/* Mixed and continued Environment= lines lose Matou's words only. */
static void
test_shared_lines (void)
{
  const char *existing =
    "[Service]\n"
    "Environment=\"FOO=1\" \\\n"
    "  \"https_proxy=http://stale:1\" BAR=two\n"
    "Environment=HTTP_PROXY=http://a:1 'QUOTED=a b'\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *https = NULL;

  g_assert_true (matou_proxy_dropin_read (existing, NULL, &https, NULL));
  g_assert_cmpstr (https, ==, "http://stale:1");

  text = matou_proxy_dropin_render (existing, NULL, "http://fresh:2", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==,
                   "[Service]\n"
                   "Environment=\"FOO=1\" BAR=two\n"
                   "Environment='QUOTED=a b'\n"
                   "Environment=\"HTTPS_PROXY=http://fresh:2\"\n");
}

/* An empty Environment= forgets every variable set before it. */
static void
test_reset (void)
{
  const char *existing =
    "[Service]\n"
    "Environment=\"HTTP_PROXY=http://a:1\"\n"
    "Environment=\n"
    "Environment=\"NO_PROXY=localhost\"\n";
  g_autofree char *http = NULL;
  g_autofree char *no = NULL;

  g_assert_true (matou_proxy_dropin_read (existing, &http, NULL, &no));
  g_assert_null (http);
  g_assert_cmpstr (no, ==, "localhost");

  /* Lines outside [Service] are not the daemon's environment. */
  g_assert_false (matou_proxy_dropin_read ("[Unit]\nEnvironment=\"HTTP_PROXY=http://a:1\"\n", NULL, NULL, NULL));
}

static void
test_target_for_engine (void)
{
  g_assert_cmpint (matou_proxy_target_for_engine ("20.10.24+dfsg1"), ==, MATOU_PROXY_TARGET_DROPIN);
  g_assert_cmpint (matou_proxy_target_for_engine ("22.06.0-beta.0"), ==, MATOU_PROXY_TARGET_DROPIN);
  g_assert_cmpint (matou_proxy_target_for_engine ("23.0.0"), ==, MATOU_PROXY_TARGET_DAEMON_JSON);
  g_assert_cmpint (matou_proxy_target_for_engine ("24.0.7"), ==, MATOU_PROXY_TARGET_DAEMON_JSON);
  g_assert_cmpint (matou_proxy_target_for_engine ("v25.0.3"), ==, MATOU_PROXY_TARGET_DAEMON_JSON);
  g_assert_cmpint (matou_proxy_target_for_engine ("29.1.0"), ==, MATOU_PROXY_TARGET_DAEMON_JSON);
  /* Unknown: the drop-in works with every version; "proxies" would stop
   * an old daemon from starting. */
  g_assert_cmpint (matou_proxy_target_for_engine (NULL), ==, MATOU_PROXY_TARGET_DROPIN);
  g_assert_cmpint (matou_proxy_target_for_engine ("dev"), ==, MATOU_PROXY_TARGET_DROPIN);
}

/* A last line ending in a backslash continues onto nothing: Matou's line
 * written after it must stay a line of its own (found by fuzzing). */
static void
test_dangling_continuation (void)
{
  const char *existing = "[Service]\nEnvironment=A=1 \\";
  g_autoptr(GError) error = NULL;
  g_autofree char *rendered = matou_proxy_dropin_render (existing, "http://p.example:3128", NULL, NULL, NULL, &error);
  g_autofree char *again = NULL;
  g_autofree char *http = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (rendered, ==, "[Service]\nEnvironment=A=1 \\\n\nEnvironment=\"HTTP_PROXY=http://p.example:3128\"\n");
  g_assert_true (matou_proxy_dropin_read (rendered, &http, NULL, NULL));
  g_assert_cmpstr (http, ==, "http://p.example:3128");
  again = matou_proxy_dropin_render (rendered, "http://p.example:3128", NULL, NULL, NULL, &error);
  g_assert_cmpstr (again, ==, rendered);
}

/* A word Matou keeps that ends in a backslash (its escaped space was the
 * line's end) stays on its own line: written bare, it would swallow
 * Matou's own line as a continuation (found by fuzzing). Two backslashes
 * at a line's end are one literal, no continuation, as systemd counts. */
static void
test_kept_word_ending_in_backslash (void)
{
  const char *existing = "[Service]\nEnvironment=http_proxy=http://old.example:3128 A=b\\ \n";
  const char *doubled = "[Service]\nEnvironment=A=b\\\\\nEnvironment=HTTP_PROXY=http://old.example:3128\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *rendered = matou_proxy_dropin_render (existing, "http://p.example:3128", NULL, NULL, NULL, &error);
  g_autofree char *again = NULL;
  g_autofree char *http = NULL;
  g_autofree char *old_http = NULL;

  g_assert_no_error (error);
  g_assert_true (matou_proxy_dropin_read (rendered, &http, NULL, NULL));
  g_assert_cmpstr (http, ==, "http://p.example:3128");
  again = matou_proxy_dropin_render (rendered, "http://p.example:3128", NULL, NULL, NULL, &error);
  g_assert_cmpstr (again, ==, rendered);

  g_assert_true (matou_proxy_dropin_read (doubled, &old_http, NULL, NULL));
  g_assert_cmpstr (old_http, ==, "http://old.example:3128");
}

/* A comment line inside a continuation is skipped and does not end it,
 * as systemd.syntax(7) shows; rewriting such a file is stable (found by
 * fuzzing). */
static void
test_comment_inside_continuation (void)
{
  const char *existing = "[Service]\nEnvironment=A=1 \\\n# a note\n  HTTP_PROXY=http://old.example:3128\n";
  g_autofree char *http = NULL;
  g_autofree char *rendered = NULL;
  g_autofree char *again = NULL;

  g_assert_true (matou_proxy_dropin_read (existing, &http, NULL, NULL));
  g_assert_cmpstr (http, ==, "http://old.example:3128");

  rendered = matou_proxy_dropin_render (existing, "http://p.example:3128", NULL, NULL, NULL, NULL);
  g_assert_cmpstr (rendered, ==, "[Service]\nEnvironment=A=1\nEnvironment=\"HTTP_PROXY=http://p.example:3128\"\n");
  again = matou_proxy_dropin_render (rendered, "http://p.example:3128", NULL, NULL, NULL, NULL);
  g_assert_cmpstr (again, ==, rendered);
}

/* A proxy with credentials: the drop-in names a root-only file and holds no password. */
static void
test_credentials_go_to_env_file (void)
{
  const char *env_path = "/etc/systemd/system/docker.service.d/" MATOU_PROXY_ENV_NAME;
  const char *existing = "# ours\n[Service]\nEnvironment=\"FOO=bar\"\nEnvironment=\"HTTP_PROXY=http://old.example:1\"\n";
  g_autofree char *env = NULL;
  g_autofree char *text = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *plain_env = NULL;
  g_autofree char *http = NULL;
  g_autofree char *https = NULL;
  g_autofree char *no = NULL;
  g_autoptr(GError) error = NULL;

  text = matou_proxy_dropin_render_with_env (existing, "http://alice:s3cr%40t@proxy.example.com:3128", "",
                                             "localhost,.corp", env_path, &env, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "# ours\n[Service]\nEnvironment=\"FOO=bar\"\n"
                             "EnvironmentFile=/etc/systemd/system/docker.service.d/http-proxy.env\n");
  g_assert_null (strstr (text, "s3cr"));
  /* No specifiers in an environment file: % stays as typed. */
  g_assert_cmpstr (env, ==, "HTTP_PROXY=http://alice:s3cr%40t@proxy.example.com:3128\nNO_PROXY=localhost,.corp\n");
  g_assert_true (matou_proxy_dropin_uses_env_file (text));

  /* Read as systemd would: the file's values, given the file. */
  g_assert_true (matou_proxy_dropin_read_with_env (text, env, &http, &https, &no));
  g_assert_cmpstr (http, ==, "http://alice:s3cr%40t@proxy.example.com:3128");
  g_assert_null (https);
  g_assert_cmpstr (no, ==, "localhost,.corp");

  /* Without credentials: Environment= lines again, and no file. */
  plain = matou_proxy_dropin_render_with_env (text, "http://proxy.example.com:3128", NULL, NULL,
                                              env_path, &plain_env, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (plain_env);
  g_assert_cmpstr (plain, ==, "# ours\n[Service]\nEnvironment=\"FOO=bar\"\n"
                              "Environment=\"HTTP_PROXY=http://proxy.example.com:3128\"\n");
  g_assert_false (matou_proxy_dropin_uses_env_file (plain));

  /* A user name alone is kept as private as a password. */
  g_assert_true (matou_proxy_dropin_needs_env_file (NULL, "http://alice@proxy.example.com:3128"));
  g_assert_false (matou_proxy_dropin_needs_env_file ("http://proxy.example.com:3128", ""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/proxy-dropin/new-file", test_new_file);
  g_test_add_func ("/proxy-dropin/same-values-same-text", test_same_values_same_text);
  g_test_add_func ("/proxy-dropin/foreign-lines-kept", test_foreign_lines_kept);
  g_test_add_func ("/proxy-dropin/clear", test_clear);
  g_test_add_func ("/proxy-dropin/percent", test_percent);
  g_test_add_func ("/proxy-dropin/credentials-go-to-env-file", test_credentials_go_to_env_file);
  g_test_add_func ("/proxy-dropin/unsafe-refused", test_unsafe_refused);
  g_test_add_func ("/proxy-dropin/no-service-section", test_no_service_section);
  g_test_add_func ("/proxy-dropin/shared-lines", test_shared_lines);
  g_test_add_func ("/proxy-dropin/reset", test_reset);
  g_test_add_func ("/proxy-dropin/target-for-engine", test_target_for_engine);
  g_test_add_func ("/proxy-dropin/dangling-continuation", test_dangling_continuation);
  g_test_add_func ("/proxy-dropin/comment-inside-continuation", test_comment_inside_continuation);
  g_test_add_func ("/proxy-dropin/kept-word-ending-in-backslash", test_kept_word_ending_in_backslash);

  return g_test_run ();
}
