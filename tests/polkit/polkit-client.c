/* Runs one helper verb through pkexec with Matou's own client, as the GUI does.
 *
 * usage: polkit-client VERB [REQUEST-JSON]
 * Prints the events and the result; exits 0 when the helper succeeded,
 * 10 when polkit refused, 11 when authentication was cancelled, 12 otherwise. */
#include <stdio.h>

#include "matou-error.h"
#include "matou-helper-client.h"

static void
on_step (MatouHelperClient *client,
         const char        *text,
         gpointer           user_data)
{
  printf ("step: %s\n", text);
}

static void
on_log (MatouHelperClient *client,
        const char        *source,
        const char        *text,
        gpointer           user_data)
{
  printf ("log: %s: %s\n", source, text);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MatouHelperClient) client = NULL;
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(MatouHelperResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (argc < 2 || argc > 3)
    {
      fprintf (stderr, "usage: polkit-client VERB [REQUEST-JSON]\n");
      return 2;
    }

  client = matou_helper_client_new ();
  g_signal_connect (client, "step", G_CALLBACK (on_step), NULL);
  g_signal_connect (client, "log", G_CALLBACK (on_log), NULL);
  matou_helper_client_run_async (client, argv[1], argc == 3 ? argv[2] : NULL, NULL, done_cb, &async_result);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);

  result = matou_helper_client_run_finish (client, async_result, &error);
  if (result == NULL)
    {
      printf ("error: %s\n", error->message);
      if (g_error_matches (error, MATOU_ERROR, MATOU_ERROR_NOT_AUTHORISED))
        return 10;
      if (g_error_matches (error, MATOU_ERROR, MATOU_ERROR_AUTH_CANCELLED))
        return 11;
      return 12;
    }

  printf ("result: ok=%d status=%d action=%s error=%s\n", result->ok, result->status,
          result->action, result->error != NULL ? result->error : "");
  return result->ok ? 0 : 12;
}
