/* Atomic replacement of configuration files: what is on disk afterwards, and what is refused. */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "matou-atomic-write.h"
#include "matou-error.h"
#include "matou-test-util.h"

/* The owner the tests give files when they run as root: nobody. */
#define OTHER_UID 65534
#define OTHER_GID 65534

typedef struct {
  char *dir;
} Fixture;

static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("matou-write-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
in_dir (Fixture    *fixture,
        const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
put (const char *path,
     const char *text,
     int         mode)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

/* Only the named files are left: no temporary file stays behind. */
static void
assert_dir_holds (const char  *dir_path,
                  const char **names)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint count = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (!g_strv_contains (names, name))
        g_error ("unexpected file left in %s: %s", dir_path, name);
      count++;
    }
  g_assert_cmpuint (count, ==, g_strv_length ((char **) names));
}

static void
test_new_file (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *path = in_dir (fixture, "daemon.json");
  g_autofree char *backup = in_dir (fixture, "daemon.json.matou-backup");
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  const char *expected[] = { "daemon.json", NULL };
  struct stat st;
  mode_t old_umask;

  /* The mode is the file's, not the caller's umask's. */
  old_umask = umask (077);
  g_assert_true (matou_atomic_write (path, "{}\n", 3, backup, &error));
  umask (old_umask);
  g_assert_no_error (error);

  written = matou_test_read_file (path, NULL);
  g_assert_cmpstr (written, ==, "{}\n");
  g_assert_cmpint (lstat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0644);
  /* Nothing existed, so there is nothing to back up. */
  assert_dir_holds (fixture->dir, expected);
}

static void
test_keeps_mode_owner_and_backup (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *path = in_dir (fixture, "daemon.json");
  g_autofree char *backup = in_dir (fixture, "daemon.json.matou-backup");
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *kept = NULL;
  const char *expected[] = { "daemon.json", "daemon.json.matou-backup", NULL };
  const char *old_text = "{\"proxies\": {\"http-proxy\": \"http://u:secret@p:3128\"}}\n";
  const char *new_text = "{\n  \"registry-mirrors\" : []\n}\n";
  gboolean as_root = geteuid () == 0;
  struct stat before, after, backup_st;

  /* Not 0600, the mode temporary files are created with. */
  put (path, old_text, 0640);
  if (as_root)
    g_assert_cmpint (chown (path, OTHER_UID, OTHER_GID), ==, 0);
  g_assert_cmpint (stat (path, &before), ==, 0);

  g_assert_true (matou_atomic_write (path, new_text, strlen (new_text), backup, &error));
  g_assert_no_error (error);

  written = matou_test_read_file (path, NULL);
  kept = matou_test_read_file (backup, NULL);
  g_assert_cmpstr (written, ==, new_text);
  g_assert_cmpstr (kept, ==, old_text);

  /* A new inode (it was replaced, not rewritten in place) with the old
   * mode and owner; the backup, holding a password, is as private. */
  g_assert_cmpint (stat (path, &after), ==, 0);
  g_assert_cmpint (stat (backup, &backup_st), ==, 0);
  g_assert_cmpuint (after.st_ino, !=, before.st_ino);
  g_assert_cmpint (after.st_mode & 07777, ==, 0640);
  g_assert_cmpint (backup_st.st_mode & 07777, ==, 0640);
  g_assert_cmpuint (after.st_uid, ==, before.st_uid);
  g_assert_cmpuint (after.st_gid, ==, before.st_gid);
  g_assert_cmpuint (backup_st.st_uid, ==, before.st_uid);
  g_assert_cmpuint (backup_st.st_gid, ==, before.st_gid);
  if (!as_root)
    g_test_message ("not root: the owner could not be set to another user, only kept");

  assert_dir_holds (fixture->dir, expected);

  /* A second write replaces the backup with the then-current text. */
  g_assert_true (matou_atomic_write (path, "{}\n", 3, backup, &error));
  g_assert_no_error (error);
  g_clear_pointer (&kept, g_free);
  kept = matou_test_read_file (backup, NULL);
  g_assert_cmpstr (kept, ==, new_text);
}

static void
test_symlink_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *real = in_dir (fixture, "elsewhere");
  g_autofree char *path = in_dir (fixture, "daemon.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected_message = NULL;
  g_autofree char *link_target = NULL;
  const char *expected[] = { "daemon.json", "elsewhere", NULL };

  put (real, "root:x:0:0:root:/root:/bin/bash\n", 0644);
  g_assert_cmpint (symlink (real, path), ==, 0);

  g_assert_false (matou_atomic_write (path, "{}\n", 3, NULL, &error));
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_UNSAFE_PATH);
  expected_message = g_strdup_printf ("%s is a symbolic link, and Matou does not write through links, so that a link cannot redirect the write to another file. Replace the link with a copy of the file it points to, then try again.",
                                      path);
  g_assert_cmpstr (error->message, ==, expected_message);

  after = matou_test_read_file (real, NULL);
  g_assert_cmpstr (after, ==, "root:x:0:0:root:/root:/bin/bash\n");
  link_target = g_file_read_link (path, NULL);
  g_assert_cmpstr (link_target, ==, real);
  assert_dir_holds (fixture->dir, expected);
}

static void
test_symlinked_backup_refused (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *real = in_dir (fixture, "elsewhere");
  g_autofree char *path = in_dir (fixture, "daemon.json");
  g_autofree char *backup = in_dir (fixture, "daemon.json.matou-backup");
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  g_autofree char *target_after = NULL;

  put (real, "precious\n", 0644);
  put (path, "{\"debug\": true}\n", 0644);
  g_assert_cmpint (symlink (real, backup), ==, 0);

  g_assert_false (matou_atomic_write (path, "{}\n", 3, backup, &error));
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_UNSAFE_PATH);
  g_assert_true (g_str_has_prefix (error->message, "Matou keeps a backup before changing "));

  /* Neither the link's target nor the file itself changed. */
  after = matou_test_read_file (real, NULL);
  g_assert_cmpstr (after, ==, "precious\n");
  target_after = matou_test_read_file (path, NULL);
  g_assert_cmpstr (target_after, ==, "{\"debug\": true}\n");
}

static void
test_symlinked_folder_refused (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *real_dir = in_dir (fixture, "real");
  g_autofree char *link_dir = in_dir (fixture, "docker");
  g_autofree char *path = g_build_filename (link_dir, "daemon.json", NULL);
  g_autoptr(GError) error = NULL;
  const char *nothing[] = { NULL };

  g_assert_cmpint (g_mkdir (real_dir, 0755), ==, 0);
  g_assert_cmpint (symlink (real_dir, link_dir), ==, 0);

  g_assert_false (matou_atomic_write (path, "{}\n", 3, NULL, &error));
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_UNSAFE_PATH);
  g_assert_nonnull (strstr (error->message, "is a symbolic link or not a folder"));
  assert_dir_holds (real_dir, nothing);
}

static void
test_not_a_regular_file (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = in_dir (fixture, "daemon.json");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  g_assert_false (matou_atomic_write (path, "{}\n", 3, NULL, &error));
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_UNSAFE_PATH);
  g_assert_nonnull (strstr (error->message, "is not a regular file"));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
}

static void
test_missing_folder (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "docker.service.d", "http-proxy.conf", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (matou_atomic_write (path, "[Service]\n", 10, NULL, &error));
  g_assert_error (error, MATOU_ERROR, MATOU_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "does not exist. Create it, then try again."));
}

/* What is there before a replace, for a rollback: the bytes as they are, NULs included. */
static void
test_read_current (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = in_dir (fixture, "docker.gpg");
  g_autofree char *missing = in_dir (fixture, "docker.sources");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *none = NULL;
  gboolean existed = FALSE;
  gsize length = 99;

  g_assert_true (g_file_set_contents (path, "key\0bytes\n", 10, NULL));
  g_assert_true (matou_atomic_read_current (path, &contents, &length, &existed, &error));
  g_assert_no_error (error);
  g_assert_true (existed);
  g_assert_cmpuint (length, ==, 10);
  g_assert_cmpmem (contents, length, "key\0bytes\n", 10);

  g_assert_true (matou_atomic_read_current (missing, &none, &length, &existed, &error));
  g_assert_no_error (error);
  g_assert_false (existed);
  g_assert_cmpuint (length, ==, 0);
  g_assert_cmpstr (none, ==, "");
}

/* A link is not read through, and a FIFO neither blocks the reader nor is taken for a file. */
static void
test_read_current_refused (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *real = in_dir (fixture, "shadow");
  g_autofree char *link = in_dir (fixture, "docker.list");
  g_autofree char *fifo = in_dir (fixture, "daemon.json");
  g_autoptr(GError) link_error = NULL;
  g_autoptr(GError) fifo_error = NULL;
  g_autofree char *contents = NULL;
  gboolean existed = FALSE;

  put (real, "secret\n", 0600);
  g_assert_cmpint (symlink (real, link), ==, 0);
  g_assert_false (matou_atomic_read_current (link, &contents, NULL, &existed, &link_error));
  g_assert_error (link_error, MATOU_ERROR, MATOU_ERROR_UNSAFE_PATH);
  g_assert_nonnull (strstr (link_error->message, "is a symbolic link"));
  g_assert_null (contents);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_false (matou_atomic_read_current (fifo, &contents, NULL, &existed, &fifo_error));
  g_assert_error (fifo_error, MATOU_ERROR, MATOU_ERROR_UNSAFE_PATH);
  g_assert_nonnull (strstr (fifo_error->message, "is not a regular file"));
  g_assert_null (contents);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/atomic-write/new-file", test_new_file);
  ADD ("/atomic-write/keeps-mode-owner-and-backup", test_keeps_mode_owner_and_backup);
  ADD ("/atomic-write/symlink-refused", test_symlink_refused);
  ADD ("/atomic-write/symlinked-backup-refused", test_symlinked_backup_refused);
  ADD ("/atomic-write/symlinked-folder-refused", test_symlinked_folder_refused);
  ADD ("/atomic-write/not-a-regular-file", test_not_a_regular_file);
  ADD ("/atomic-write/missing-folder", test_missing_folder);
  ADD ("/atomic-write/read-current", test_read_current);
  ADD ("/atomic-write/read-current-refused", test_read_current_refused);

#undef ADD

  return g_test_run ();
}
