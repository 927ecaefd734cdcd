import { z } from 'zod';

/** A wikilink inside a sentence: the entity is the link *target*; the anchor may run past it. */
export const Mention = z.object({
  /** Anchor text as shown in the sentence (markup removed). */
  anchor: z.string(),
  /** Target article title: percent-decoded, `\(` `\)` unescaped, `_` read as a space. */
  target: z.string().min(1),
  /** Offset of the anchor in the sentence's plain text. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Mention = z.infer<typeof Mention>;

export const Sentence = z.object({
  /** Stable id: `title#p3.s2` (1-based paragraph and sentence numbers). */
  id: z.string().min(1),
  paragraph: z.number().int().positive(),
  sentence: z.number().int().positive(),
  /** Plain text, verbatim from the article with all markup removed. */
  text: z.string().min(1),
  /** Offsets of `text` in its paragraph's plain text. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  mentions: z.array(Mention),
});
export type Sentence = z.infer<typeof Sentence>;

export const Paragraph = z.object({
  index: z.number().int().positive(),
  /** Heading the paragraph sits under (`null` for the lead). */
  section: z.string().nullable(),
  /** 1-based line in the source file where the paragraph starts. */
  line: z.number().int().positive(),
  text: z.string().min(1),
  sentences: z.array(Sentence).min(1),
});
export type Paragraph = z.infer<typeof Paragraph>;

export const Article = z.object({
  title: z.string().min(1),
  /** Other names of the article's subject (title excluded), simplified-folded duplicates removed. */
  aliases: z.array(z.string().min(1)),
  url: z.url(),
  /** File the article came from, relative to the corpus folder. */
  source: z.string(),
  paragraphs: z.array(Paragraph),
  /** `Category:` links: metadata only, never answer sentences. */
  categories: z.array(z.string()),
  /** Titles linked from navbox tables and "see also" lists: related articles, never answers. */
  related: z.array(z.string()),
});
export type Article = z.infer<typeof Article>;

/**
 * The curated alias file (`corpus/aliases.json`): groups of names for one thing, for
 * renamings no article states (归绥 = 呼和浩特). The first name of a group is its canonical name.
 */
export const AliasFile = z.object({
  $comment: z.string().optional(),
  groups: z
    .array(
      z.object({
        names: z.array(z.string().trim().min(1).max(50)).min(2),
        note: z.string().optional(),
      }),
    )
    .min(1),
});
export type AliasFile = z.infer<typeof AliasFile>;
