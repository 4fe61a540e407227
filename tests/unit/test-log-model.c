/* The log model: a bounded ring whose signals always describe its contents, and masked credentials. */
#include <string.h>

#include "matou-log-model.h"

/* A copy of the list kept only from items-changed, as a list widget keeps
 * its rows: after every emission it must equal the model. */
typedef struct {
  GPtrArray *shadow;      /* texts */
  guint      emissions;
} Mirror;

static char *
text_at (GListModel *model,
         guint       position)
{
  g_autoptr(MatouLogLine) line = g_list_model_get_item (model, position);

  g_assert_nonnull (line);
  g_assert_true (MATOU_IS_LOG_LINE (line));

  return g_strdup (matou_log_line_get_text (line));
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Mirror     *mirror)
{
  guint n = g_list_model_get_n_items (model);

  mirror->emissions++;
  g_assert_cmpuint (position + removed, <=, mirror->shadow->len);
  g_assert_cmpuint (n, ==, mirror->shadow->len - removed + added);
  g_assert_cmpuint (n, <=, matou_log_model_get_max_lines (MATOU_LOG_MODEL (model)));

  g_ptr_array_remove_range (mirror->shadow, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror->shadow, position + i, text_at (model, position + i));

  /* The model is already in the state this signal describes. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = text_at (model, i);

      g_assert_cmpstr (text, ==, g_ptr_array_index (mirror->shadow, i));
    }
  g_assert_null (g_list_model_get_item (model, n));
}

static void
mirror_init (Mirror        *mirror,
             MatouLogModel *model)
{
  mirror->shadow = g_ptr_array_new_with_free_func (g_free);
  mirror->emissions = 0;
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), mirror);
}

static void
mirror_clear (Mirror *mirror)
{
  g_ptr_array_unref (mirror->shadow);
}

static void
append_numbered (MatouLogModel *model,
                 guint          first,
                 guint          count)
{
  for (guint i = first; i < first + count; i++)
    {
      g_autofree char *text = g_strdup_printf ("line %u", i);

      matou_log_model_append (model, MATOU_LOG_LEVEL_INFO, "test", text);
    }
}

/* The model holds lines first..first+count-1, oldest first. */
static void
assert_lines (MatouLogModel *model,
              guint          first,
              guint          count)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, count);
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *text = text_at (G_LIST_MODEL (model), i);
      g_autofree char *expected = g_strdup_printf ("line %u", first + i);

      g_assert_cmpstr (text, ==, expected);
    }
}

static void
test_item_type (void)
{
  g_autoptr(MatouLogModel) model = matou_log_model_new (10);

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == MATOU_TYPE_LOG_LINE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 0));
  g_assert_cmpuint (matou_log_model_get_max_lines (model), ==, 10);

  g_clear_object (&model);
  model = matou_log_model_new (0);
  g_assert_cmpuint (matou_log_model_get_max_lines (model), ==, MATOU_LOG_MODEL_DEFAULT_MAX_LINES);
}

static void
test_line_fields (void)
{
  g_autoptr(MatouLogModel) model = matou_log_model_new (10);
  g_autoptr(MatouLogLine) line = NULL;
  g_autofree char *source = NULL;
  int level = -1;
  gint64 before = g_get_real_time ();

  matou_log_model_append (model, MATOU_LOG_LEVEL_STEP, "matou-helper", "Writing daemon.json");
  matou_log_model_append (model, MATOU_LOG_LEVEL_WARNING, NULL, NULL);
  matou_log_model_flush (model);

  line = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (matou_log_line_get_source (line), ==, "matou-helper");
  g_assert_cmpstr (matou_log_line_get_text (line), ==, "Writing daemon.json");
  g_assert_cmpint (matou_log_line_get_level (line), ==, MATOU_LOG_LEVEL_STEP);
  g_assert_cmpint (matou_log_line_get_time (line), >=, before);
  g_assert_cmpint (matou_log_line_get_time (line), <=, g_get_real_time ());
  g_object_get (line, "source", &source, "level", &level, NULL);
  g_assert_cmpstr (source, ==, "matou-helper");
  g_assert_cmpint (level, ==, MATOU_LOG_LEVEL_STEP);
  g_clear_object (&line);

  /* Missing strings are empty, not NULL: labels and filters read them. */
  line = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_assert_cmpstr (matou_log_line_get_source (line), ==, "");
  g_assert_cmpstr (matou_log_line_get_text (line), ==, "");
}

/* Appends reach the list once per batch, not once per line. */
static void
test_batched (void)
{
  g_autoptr(MatouLogModel) model = matou_log_model_new (1000);
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();
  Mirror mirror;
  gint64 deadline;

  mirror_init (&mirror, model);
  append_numbered (model, 0, 500);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (mirror.emissions, ==, 0);

  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (mirror.emissions == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (context, TRUE);
  g_assert_cmpuint (mirror.emissions, ==, 1);
  assert_lines (model, 0, 500);

  /* Nothing queued: flushing says nothing. */
  matou_log_model_flush (model);
  g_assert_cmpuint (mirror.emissions, ==, 1);
  mirror_clear (&mirror);
}

static void
test_ring_bounds (void)
{
  g_autoptr(MatouLogModel) model = matou_log_model_new (5);
  Mirror mirror;

  mirror_init (&mirror, model);

  append_numbered (model, 0, 3);
  matou_log_model_flush (model);
  assert_lines (model, 0, 3);

  /* Exactly full. */
  append_numbered (model, 3, 2);
  matou_log_model_flush (model);
  assert_lines (model, 0, 5);

  /* One past full: the oldest leaves. */
  append_numbered (model, 5, 1);
  matou_log_model_flush (model);
  assert_lines (model, 1, 5);

  /* Many small batches wrap the ring several times. */
  for (guint i = 6; i < 40; i += 3)
    {
      append_numbered (model, i, 3);
      matou_log_model_flush (model);
      assert_lines (model, i + 3 - 5, 5);
    }
  mirror_clear (&mirror);
}

static void
test_burst_larger_than_ring (void)
{
  g_autoptr(MatouLogModel) model = matou_log_model_new (7);
  Mirror mirror;

  mirror_init (&mirror, model);

  append_numbered (model, 0, 4);
  matou_log_model_flush (model);

  /* Only the newest lines of a burst that does not fit are kept. */
  append_numbered (model, 4, 30);
  matou_log_model_flush (model);
  assert_lines (model, 34 - 7, 7);

  /* A burst far larger than the ring, queued before one flush. */
  append_numbered (model, 34, 1000);
  matou_log_model_flush (model);
  assert_lines (model, 1034 - 7, 7);

  /* A burst of exactly the ring's size on a full ring. */
  append_numbered (model, 1034, 7);
  matou_log_model_flush (model);
  assert_lines (model, 1034, 7);
  mirror_clear (&mirror);
}

/* Sizes and burst lengths chosen at random, checked against the mirror. */
static void
test_random_bursts (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);

  for (guint round = 0; round < 20; round++)
    {
      guint max = g_rand_int_range (rand, 1, 50);
      g_autoptr(MatouLogModel) model = matou_log_model_new (max);
      Mirror mirror;
      guint next = 0;

      mirror_init (&mirror, model);
      for (guint burst = 0; burst < 30; burst++)
        {
          guint count = g_rand_int_range (rand, 0, 3 * max);

          append_numbered (model, next, count);
          next += count;
          matou_log_model_flush (model);
          assert_lines (model, next - MIN (next, max), MIN (next, max));
        }
      mirror_clear (&mirror);
    }
}

/* A list finds its row again by the item: a position gives the same line
 * object each time. And a line someone still holds (a row, a copy) keeps
 * its text after the ring dropped it, or after the model is cleared. */
static void
test_line_outlives_ring (void)
{
  g_autoptr(MatouLogModel) model = matou_log_model_new (3);
  g_autoptr(MatouLogLine) first = NULL;
  g_autoptr(MatouLogLine) again = NULL;
  g_autoptr(MatouLogLine) last = NULL;

  append_numbered (model, 0, 3);
  matou_log_model_flush (model);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  again = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_true (first == again);

  append_numbered (model, 3, 3);
  matou_log_model_flush (model);
  assert_lines (model, 3, 3);
  g_assert_cmpstr (matou_log_line_get_text (first), ==, "line 0");
  g_assert_cmpstr (matou_log_line_get_source (first), ==, "test");

  last = g_list_model_get_item (G_LIST_MODEL (model), 2);
  matou_log_model_clear (model);
  g_assert_cmpstr (matou_log_line_get_text (last), ==, "line 5");

  /* The model goes before the lines it handed out. */
  append_numbered (model, 6, 1);
  matou_log_model_flush (model);
  g_clear_object (&last);
  last = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_clear_object (&model);
  g_assert_cmpstr (matou_log_line_get_text (last), ==, "line 6");
}

static void
test_clear (void)
{
  g_autoptr(MatouLogModel) model = matou_log_model_new (4);
  g_autofree char *text = NULL;
  Mirror mirror;

  mirror_init (&mirror, model);
  append_numbered (model, 0, 10);
  matou_log_model_flush (model);

  /* Queued lines go too. */
  append_numbered (model, 10, 2);
  matou_log_model_clear (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (mirror.shadow->len, ==, 0);
  matou_log_model_flush (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* Clearing an empty model says nothing. */
  mirror.emissions = 0;
  matou_log_model_clear (model);
  g_assert_cmpuint (mirror.emissions, ==, 0);

  /* The ring works again from the start. */
  append_numbered (model, 20, 6);
  text = matou_log_model_to_text (model);
  g_assert_cmpstr (text, ==, "line 22\nline 23\nline 24\nline 25\n");
  assert_lines (model, 22, 4);
  mirror_clear (&mirror);
}

static void
test_to_text (void)
{
  g_autoptr(MatouLogModel) model = matou_log_model_new (3);
  g_autofree char *empty = NULL;
  g_autofree char *text = NULL;

  empty = matou_log_model_to_text (model);
  g_assert_cmpstr (empty, ==, "");

  matou_log_model_append (model, MATOU_LOG_LEVEL_INFO, "dockerd", "one");
  matou_log_model_append (model, MATOU_LOG_LEVEL_INFO, "dockerd", "two");
  matou_log_model_append (model, MATOU_LOG_LEVEL_INFO, "dockerd", "proxy http://u:secret@proxy:3128");
  matou_log_model_append (model, MATOU_LOG_LEVEL_INFO, "dockerd", "four");
  /* to_text flushes what is queued, and the password never left the model. */
  text = matou_log_model_to_text (model);
  g_assert_cmpstr (text, ==, "two\nproxy http://u:***@proxy:3128\nfour\n");
  g_assert_null (strstr (text, "secret"));
}

static void
test_mask (void)
{
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "http://u:p@h:3128", "http://u:***@h:3128" },
    { "https://user:pa:ss@host/x", "https://user:***@host/x" },
    { "HTTP_PROXY=http://bob:hunter2@proxy.corp:8080 HTTPS_PROXY=https://al:x%40y@p2.corp/ ok",
      "HTTP_PROXY=http://bob:***@proxy.corp:8080 HTTPS_PROXY=https://al:***@p2.corp/ ok" },
    { "http://a:b@one,http://c:d@two", "http://a:***@one,http://c:***@two" },
    { "no URL at all", "no URL at all" },
    { "http://proxy.example.com:3128", "http://proxy.example.com:3128" },
    { "https://registry-1.docker.io/v2/", "https://registry-1.docker.io/v2/" },
    { "http://host/path/user@example.com", "http://host/path/user@example.com" },
    { "http://host:80/a:b@c", "http://host:80/a:b@c" },
    { "https://host/x?mail=a:b@c", "https://host/x?mail=a:b@c" },
    /* A user without a password has nothing to hide. */
    { "http://user@host:3128", "http://user@host:3128" },
    /* The last '@' of the authority ends the user information. */
    { "http://u:p@ss@host", "http://u:***@host" },
    { "\"http://u:p@h\" and 'socks5://v:q@h2'", "\"http://u:***@h\" and 'socks5://v:***@h2'" },
    { "msg=\"proxy: http://u:p@h\" level=info", "msg=\"proxy: http://u:***@h\" level=info" },
    { "http://u:@h", "http://u:***@h" },
    { "://", "://" },
    { "trailing http://", "trailing http://" },
    { "代理 http://用户:密码@主机:3128 已设置", "代理 http://用户:***@主机:3128 已设置" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = matou_mask_credentials_in_text (cases[i].in);

      g_assert_cmpstr (masked, ==, cases[i].out);
    }
}

/* The model masks what it is given, whatever the producer forgot. */
static void
test_append_masks (void)
{
  g_autoptr(MatouLogModel) model = matou_log_model_new (10);
  g_autoptr(MatouLogLine) line = NULL;

  matou_log_model_append (model, MATOU_LOG_LEVEL_INFO, "dockerd",
                          "time=x level=info msg=\"Setting proxy http://alice:s3cret@10.0.0.1:3128\"");
  matou_log_model_flush (model);
  line = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (matou_log_line_get_text (line), ==,
                   "time=x level=info msg=\"Setting proxy http://alice:***@10.0.0.1:3128\"");
}

static void
test_level_guess (void)
{
  static const struct {
    const char    *text;
    MatouLogLevel  level;
  } cases[] = {
    { "time=\"2024-05-01T10:00:00Z\" level=info msg=\"Daemon has completed initialization\"", MATOU_LOG_LEVEL_INFO },
    { "time=\"2024-05-01T10:00:00Z\" level=warning msg=\"No swap limit support\"", MATOU_LOG_LEVEL_WARNING },
    { "time=\"2024-05-01T10:00:00Z\" level=error msg=\"Handler for GET /v1.41/info returned error\"", MATOU_LOG_LEVEL_ERROR },
    { "level=fatal msg=\"unable to configure the Docker daemon with file /etc/docker/daemon.json\"", MATOU_LOG_LEVEL_ERROR },
    { "failed to start daemon: pid file found, ensure docker is not running", MATOU_LOG_LEVEL_ERROR },
    { "docker.service: Failed to start Docker Application Container Engine.", MATOU_LOG_LEVEL_ERROR },
    { "E: Unable to locate package docker-ce", MATOU_LOG_LEVEL_ERROR },
    { "W: GPG error: https://download.docker.com bookworm InRelease", MATOU_LOG_LEVEL_ERROR },
    { "W: Some index files failed to download.", MATOU_LOG_LEVEL_WARNING },
    { "warning: the key is old", MATOU_LOG_LEVEL_WARNING },
    /* "E:" and "W:" count only where apt puts them: first. */
    { "Setting up docker-ce (5:24.0.7-1~debian.12~bookworm) ... MODE: 0644", MATOU_LOG_LEVEL_INFO },
    { "RELEASE: bookworm", MATOU_LOG_LEVEL_INFO },
    { "Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]", MATOU_LOG_LEVEL_INFO },
    { "", MATOU_LOG_LEVEL_INFO },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (matou_log_level_guess (cases[i].text), ==, cases[i].level);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/log-model/item-type", test_item_type);
  g_test_add_func ("/log-model/line-fields", test_line_fields);
  g_test_add_func ("/log-model/batched", test_batched);
  g_test_add_func ("/log-model/ring-bounds", test_ring_bounds);
  g_test_add_func ("/log-model/burst-larger-than-ring", test_burst_larger_than_ring);
  g_test_add_func ("/log-model/random-bursts", test_random_bursts);
  g_test_add_func ("/log-model/line-outlives-ring", test_line_outlives_ring);
  g_test_add_func ("/log-model/clear", test_clear);
  g_test_add_func ("/log-model/to-text", test_to_text);
  g_test_add_func ("/log-model/mask", test_mask);
  g_test_add_func ("/log-model/append-masks", test_append_masks);
  g_test_add_func ("/log-model/level-guess", test_level_guess);

  return g_test_run ();
}
