/* Replacing a configuration file so that a crash leaves the old or the new text, never a mix, and a symlink never redirects the write; reading the file it replaces with the same care. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "matou-atomic-write.h"
#include "matou-error.h"

/* A file about to be replaced, held through its folder: every step works
 * relative to the folder's descriptor, so swapping a folder on the path
 * for a link half-way cannot send the write elsewhere. */
typedef struct {
  int          dirfd;
  char        *path;
  char        *base;
  gboolean     exists;
  struct stat  st;
} Target;

static void
target_clear (Target *target)
{
  if (target->dirfd >= 0)
    close (target->dirfd);
  target->dirfd = -1;
  g_clear_pointer (&target->path, g_free);
  g_clear_pointer (&target->base, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Target, target_clear)

static void
set_io_error (GError     **error,
              const char  *path,
              int          saved_errno)
{
  g_set_error (error, MATOU_ERROR, MATOU_ERROR_IO,
               _("Could not write %s (%s). The file was left as it was: check that the disk is not full and that the folder can be written to, then try again."),
               path, g_strerror (saved_errno));
}

static gboolean
open_target (Target      *target,
             const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  target->dirfd = -1;
  target->path = g_strdup (path);
  target->base = g_path_get_basename (path);
  target->exists = FALSE;

  /* O_NOFOLLOW here refuses a folder that is itself a link. */
  target->dirfd = open (dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (target->dirfd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ELOOP || saved_errno == ENOTDIR)
        g_set_error (error, MATOU_ERROR, MATOU_ERROR_UNSAFE_PATH,
                     _("The folder %s is a symbolic link or not a folder, and Matou does not write through links: replace it with a real folder, then try again."),
                     dir);
      else if (saved_errno == ENOENT)
        g_set_error (error, MATOU_ERROR, MATOU_ERROR_IO,
                     _("Could not write %s: the folder %s does not exist. Create it, then try again."),
                     path, dir);
      else
        set_io_error (error, path, saved_errno);
      return FALSE;
    }

  if (fstatat (target->dirfd, target->base, &target->st, AT_SYMLINK_NOFOLLOW) < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return TRUE;

      set_io_error (error, path, saved_errno);
      return FALSE;
    }

  if (S_ISLNK (target->st.st_mode))
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_UNSAFE_PATH,
                   _("%s is a symbolic link, and Matou does not write through links, so that a link cannot redirect the write to another file. Replace the link with a copy of the file it points to, then try again."),
                   path);
      return FALSE;
    }

  if (!S_ISREG (target->st.st_mode))
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_UNSAFE_PATH,
                   _("%s is not a regular file, so Matou will not replace it: move it out of the way, then try again."),
                   path);
      return FALSE;
    }

  target->exists = TRUE;
  return TRUE;
}

static char *
read_existing (Target  *target,
               gsize   *len,
               GError **error)
{
  g_autoptr(GString) contents = g_string_new (NULL);
  struct stat st;
  char buffer[8192];
  int fd;

  fd = openat (target->dirfd, target->base, O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
  if (fd < 0 || fstat (fd, &st) < 0 || !S_ISREG (st.st_mode))
    {
      int saved_errno = fd < 0 ? errno : EINVAL;

      if (fd >= 0)
        close (fd);
      if (saved_errno == ELOOP)
        g_set_error (error, MATOU_ERROR, MATOU_ERROR_UNSAFE_PATH,
                     _("%s is a symbolic link, and Matou does not write through links, so that a link cannot redirect the write to another file. Replace the link with a copy of the file it points to, then try again."),
                     target->path);
      else
        g_set_error (error, MATOU_ERROR, MATOU_ERROR_IO,
                     _("Could not read %s to keep a backup of it (%s). The file was left as it was: check that it can be read, then try again."),
                     target->path, g_strerror (saved_errno));
      return NULL;
    }

  for (;;)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_set_error (error, MATOU_ERROR, MATOU_ERROR_IO,
                       _("Could not read %s to keep a backup of it (%s). The file was left as it was: check that it can be read, then try again."),
                       target->path, g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      g_string_append_len (contents, buffer, n);
    }

  close (fd);
  *len = contents->len;
  return g_string_free (g_steal_pointer (&contents), FALSE);
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }

  return TRUE;
}

/* Writes a temporary file next to the target and renames it over the
 * target. @like gives the mode and owner to keep; without it the new file
 * is root's usual 0644, readable by the GUI. */
static gboolean
replace_target (Target             *target,
                const char         *data,
                gsize               len,
                const struct stat  *like,
                GError            **error)
{
  g_autofree char *temp = NULL;
  int saved_errno = 0;
  int fd = -1;

  for (guint attempt = 0; attempt < 100 && fd < 0; attempt++)
    {
      g_free (temp);
      temp = g_strdup_printf (".%s.%08x", target->base, g_random_int ());
      fd = openat (target->dirfd, temp,
                   O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0600);
      saved_errno = fd < 0 ? errno : 0;
      if (fd < 0 && saved_errno != EEXIST)
        break;
    }

  if (fd < 0)
    {
      set_io_error (error, target->path, saved_errno);
      return FALSE;
    }

  if (!write_all (fd, data, len))
    saved_errno = errno != 0 ? errno : EIO;

  /* The owner first: fchown() may clear set-id bits that fchmod() then
   * puts back. Only root can give a file away, so a user rewriting their
   * own file skips it. */
  if (saved_errno == 0 && like != NULL &&
      (like->st_uid != geteuid () || like->st_gid != getegid ()) &&
      fchown (fd, like->st_uid, like->st_gid) < 0)
    saved_errno = errno;

  if (saved_errno == 0 && fchmod (fd, like != NULL ? (like->st_mode & 07777) : 0644) < 0)
    saved_errno = errno;

  if (saved_errno == 0 && fsync (fd) < 0)
    saved_errno = errno;

  if (close (fd) < 0 && saved_errno == 0)
    saved_errno = errno;

  if (saved_errno == 0 && renameat (target->dirfd, temp, target->dirfd, target->base) < 0)
    saved_errno = errno;

  if (saved_errno != 0)
    {
      unlinkat (target->dirfd, temp, 0);
      set_io_error (error, target->path, saved_errno);
      return FALSE;
    }

  /* Without this the rename itself may not survive a power cut. */
  if (fsync (target->dirfd) < 0)
    {
      set_io_error (error, target->path, errno);
      return FALSE;
    }

  return TRUE;
}

/**
 * matou_atomic_write:
 * @path: the file to replace or create
 * @data: its new contents
 * @len: the length of @data
 * @backup_path: (nullable): where to keep the previous contents first
 *
 * Replaces @path by writing a temporary file in the same folder, syncing
 * it, renaming it over @path and syncing the folder. An existing file's
 * mode and owner are kept; a new file gets 0644.
 *
 * Refuses (MATOU_ERROR_UNSAFE_PATH) when @path or @backup_path, or the
 * folder holding either, is a symbolic link, or when @path is not a
 * regular file. When @backup_path is given and @path exists, the previous
 * contents are first written there the same way, with @path's mode and
 * owner, since they may hold a proxy password; if that fails, @path is not
 * touched.
 */
gboolean
matou_atomic_write (const char  *path,
                    const char  *data,
                    gsize        len,
                    const char  *backup_path,
                    GError     **error)
{
  return matou_atomic_write_with_mode (path, data, len, backup_path, -1, error);
}

/**
 * matou_atomic_write_with_mode:
 * @mode: the new file's mode, such as 0600 for a file that holds a
 *   password; -1 keeps an existing file's mode (0644 for a new one)
 *
 * As matou_atomic_write(). The mode is set on the temporary file before
 * it is renamed, so the new text is never readable by more than @mode
 * allows, not even for a moment. The backup keeps the mode of the file it
 * copies.
 */
gboolean
matou_atomic_write_with_mode (const char  *path,
                              const char  *data,
                              gsize        len,
                              const char  *backup_path,
                              int          mode,
                              GError     **error)
{
  g_auto(Target) target = { -1, };
  struct stat like;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (data == NULL)
    data = "";

  if (!open_target (&target, path, error))
    return FALSE;

  if (backup_path != NULL && target.exists)
    {
      g_auto(Target) backup = { -1, };
      g_autofree char *old = NULL;
      gsize old_len = 0;

      old = read_existing (&target, &old_len, error);
      if (old == NULL)
        return FALSE;

      if (!open_target (&backup, backup_path, error) ||
          !replace_target (&backup, old, old_len, &target.st, error))
        {
          g_prefix_error (error, _("Matou keeps a backup before changing %s, and could not make one, so nothing was changed. "), path);
          return FALSE;
        }
    }

  if (mode < 0)
    return replace_target (&target, data, len, target.exists ? &target.st : NULL, error);

  if (target.exists)
    like = target.st;
  else
    {
      memset (&like, 0, sizeof like);
      like.st_uid = geteuid ();
      like.st_gid = getegid ();
    }
  like.st_mode = (like.st_mode & ~07777) | (mode & 07777);
  return replace_target (&target, data, len, &like, error);
}

static gboolean
check_not_symlink (const char  *path,
                   GError     **error)
{
  GStatBuf st;

  if (g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode))
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_UNSAFE_PATH,
                   _("%s is a symbolic link. Matou does not write through links, so nothing was changed; replace the link with the file it points to and try again."),
                   path);
      return FALSE;
    }

  return TRUE;
}

/**
 * matou_atomic_read_current:
 * @contents: (out): the text, NUL-terminated; "" when there is no file
 * @length: (out) (optional): its length, without the NUL
 * @existed: (out): whether there was a file
 *
 * Reads what is at @path before it is replaced, to put it back on a
 * rollback. A symlink or anything but a regular file is refused, as
 * matou_atomic_write() refuses it. The file is opened without blocking
 * and checked through the descriptor: a FIFO put at the path would
 * otherwise hold the caller, and any lock it has, in open() forever.
 */
gboolean
matou_atomic_read_current (const char  *path,
                           char       **contents,
                           gsize       *length,
                           gboolean    *existed,
                           GError     **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GByteArray) data = g_byte_array_new ();
  struct stat st;
  guint8 buffer[8192];
  gssize n;
  int fd;

  if (!check_not_symlink (path, error))
    return FALSE;

  *existed = FALSE;
  fd = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        {
          *contents = g_strdup ("");
          if (length != NULL)
            *length = 0;
          return TRUE;
        }
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot read %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_UNSAFE_PATH,
                   _("%s is not a regular file (it may be a pipe or a device), so Matou neither reads nor replaces it and nothing was changed. Move it out of the way, then try again."),
                   path);
      return FALSE;
    }
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);

  stream = g_unix_input_stream_new (fd, TRUE);
  while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, error)) > 0)
    g_byte_array_append (data, buffer, n);
  if (n < 0)
    return FALSE;

  if (length != NULL)
    *length = data->len;
  g_byte_array_append (data, (const guint8 *) "", 1);
  *contents = (char *) g_byte_array_free (g_steal_pointer (&data), FALSE);
  *existed = TRUE;
  return TRUE;
}
