/* Small helpers the unit tests share: reading a file or a fixture, and waiting for an asynchronous call. */
#pragma once

#include <gio/gio.h>

/* The file's contents (and their @length, when asked); the test fails when it cannot be read. */
static inline char *
matou_test_read_file (const char *path,
                      gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);

  return contents;
}

/* A file of tests/fixtures (MATOU_TEST_FIXTURES, which meson test sets). */
static inline char *
matou_test_fixture_path (const char *name)
{
  return g_build_filename (g_getenv ("MATOU_TEST_FIXTURES"), name, NULL);
}

static inline char *
matou_test_read_fixture (const char *name,
                         gsize      *length)
{
  g_autofree char *path = matou_test_fixture_path (name);

  return matou_test_read_file (path, length);
}

/* A GAsyncReadyCallback: keeps the result in the GAsyncResult * that @user_data points to. */
static inline void
matou_test_on_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static inline gboolean
matou_test_fail_after_deadline (gpointer data)
{
  g_error ("an asynchronous call did not finish within 60 s, far beyond its own timeout");
  return G_SOURCE_REMOVE;
}

/* Runs the main context until matou_test_on_done() has filled @slot (60 s at the most). */
static inline GAsyncResult *
matou_test_wait_for (GAsyncResult **slot)
{
  guint timer = g_timeout_add_seconds (60, matou_test_fail_after_deadline, NULL);

  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timer);

  return *slot;
}
