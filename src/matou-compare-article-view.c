/* An article of the Compare page's content: the deep-learning scenario, or how to get Docker on one system. */
#include "config.h"

#include <glib/gi18n.h>

#include "matou-compare-article-view.h"
#include "matou-compare-command.h"
#include "matou-compare-private.h"

struct _MatouCompareArticleView
{
  AdwBin                     parent_instance;

  MatouCompareContent       *content;
  const MatouCompareArticle *article;

  GtkLabel                  *title_label;
  GtkLabel                  *summary_label;
  GtkBox                    *sections_box;
};

G_DEFINE_FINAL_TYPE (MatouCompareArticleView, matou_compare_article_view, ADW_TYPE_BIN)

static GtkWidget *
paragraph_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);

  return label;
}

static GtkWidget *
item_new (const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *bullet = gtk_label_new ("•");
  GtkWidget *label;

  gtk_widget_set_valign (bullet, GTK_ALIGN_START);
  gtk_widget_add_css_class (bullet, "dim-label");
  gtk_accessible_update_state (GTK_ACCESSIBLE (bullet), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  gtk_box_append (GTK_BOX (box), bullet);
  label = paragraph_new (text);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "compare-item");

  return box;
}

static GtkWidget *
link_new (const MatouCompareBlock *block)
{
  GtkWidget *button = gtk_button_new_with_label (block->text);

  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-page");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (block->page));

  return button;
}

static GtkWidget *
section_new (const MatouCompareSection *section)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *title = g_object_new (GTK_TYPE_LABEL,
                                   "label", section->title,
                                   "xalign", 0.0f,
                                   "wrap", TRUE,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                   NULL);

  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);

  for (guint i = 0; i < section->blocks->len; i++)
    {
      const MatouCompareBlock *block = g_ptr_array_index (section->blocks, i);

      switch (block->kind)
        {
        case MATOU_COMPARE_BLOCK_PARAGRAPH:
          gtk_box_append (GTK_BOX (box), paragraph_new (block->text));
          break;
        case MATOU_COMPARE_BLOCK_ITEM:
          gtk_box_append (GTK_BOX (box), item_new (block->text));
          break;
        case MATOU_COMPARE_BLOCK_COMMAND:
          gtk_box_append (GTK_BOX (box), matou_compare_command_new (block->text));
          break;
        case MATOU_COMPARE_BLOCK_LINK:
        default:
          gtk_box_append (GTK_BOX (box), link_new (block));
          break;
        }
    }

  return box;
}

const MatouCompareArticle *
matou_compare_article_view_get_article (MatouCompareArticleView *self)
{
  g_return_val_if_fail (MATOU_IS_COMPARE_ARTICLE_VIEW (self), NULL);

  return self->article;
}

static void
matou_compare_article_view_dispose (GObject *object)
{
  MatouCompareArticleView *self = MATOU_COMPARE_ARTICLE_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MATOU_TYPE_COMPARE_ARTICLE_VIEW);
  self->article = NULL;
  g_clear_pointer (&self->content, matou_compare_content_unref);

  G_OBJECT_CLASS (matou_compare_article_view_parent_class)->dispose (object);
}

static void
matou_compare_article_view_class_init (MatouCompareArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = matou_compare_article_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/matou/Matou/matou-compare-article-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MatouCompareArticleView, title_label);
  gtk_widget_class_bind_template_child (widget_class, MatouCompareArticleView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MatouCompareArticleView, sections_box);
}

static void
matou_compare_article_view_init (MatouCompareArticleView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
matou_compare_article_view_new (MatouCompareContent *content,
                                const char          *article_id)
{
  MatouCompareArticleView *self;
  const MatouCompareArticle *article;

  g_return_val_if_fail (content != NULL, NULL);
  article = matou_compare_content_find_article (content, article_id);
  g_return_val_if_fail (article != NULL, NULL);

  self = g_object_new (MATOU_TYPE_COMPARE_ARTICLE_VIEW, NULL);
  self->content = matou_compare_content_ref (content);
  self->article = article;

  gtk_label_set_text (self->title_label, article->title);
  gtk_label_set_text (self->summary_label, article->summary);
  for (guint i = 0; i < article->sections->len; i++)
    gtk_box_append (self->sections_box, section_new (g_ptr_array_index (article->sections, i)));

  return GTK_WIDGET (self);
}
