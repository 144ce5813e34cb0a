/**
 * The 附件 part of the edit and revise forms: the files of the version being prepared (name, type,
 * size, a remove button each) and a file field. It sits inside the publication form, after the save
 * buttons (so that Enter in a text field still saves, never removes a file); uploading or removing
 * re-shows the form with everything typed so far.
 */
import type { RequestContext } from '../../../../http/context.ts';
import { attachmentTypeLabel, formatFileSize } from '../../attachments.ts';
import type { Attachment } from '../../attachments.repository.ts';
import { itemPath } from './kit.tsx';

export function staffAttachmentHref(publicationId: string, a: Pick<Attachment, 'id'>): string {
  return `${itemPath(publicationId)}/attachments/${encodeURIComponent(a.id)}`;
}

export function AttachmentsField(props: {
  ctx: RequestContext;
  publicationId: string;
  attachments: Attachment[];
  /** The item is published: the files belong to the revision being prepared. */
  revising: boolean;
  error?: string;
  limits: { maxBytes: number; maxFiles: number };
}) {
  const { ctx, publicationId, attachments, revising, error, limits } = props;
  const { t } = ctx;
  const id = 'f-files';
  return (
    <section aria-labelledby="sec-attachments" class="attachments-edit">
      <h2 id="sec-attachments">{t('attachments.heading')}</h2>
      {revising && <p class="hint">{t('attachments.hint.revising')}</p>}
      {attachments.length ? (
        <ul class="attachment-list">
          {attachments.map((a) => (
            <li key={a.id} class="attachment-item">
              <a href={staffAttachmentHref(publicationId, a)}>{a.name}</a>{' '}
              <span class="muted">
                {attachmentTypeLabel[a.type]} · {formatFileSize(a.size)}
              </span>{' '}
              <button type="submit" name="removeAttachment" value={a.id} class="button attachment-remove">
                {t('attachments.remove')}
                <span class="visually-hidden">{t('attachments.removeName', { name: a.name })}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('attachments.none')}</p>
      )}
      <div class={`field${error ? ' field-error' : ''}`}>
        <label for={id}>{t('attachments.field')}</label>
        <p class="hint" id={`${id}-hint`}>
          {t('attachments.hint.field', { max: formatFileSize(limits.maxBytes), files: limits.maxFiles })}
        </p>
        {error && (
          <p class="error-text" id={`${id}-error`}>
            {error}
          </p>
        )}
        <input
          id={id}
          name="files"
          type="file"
          multiple
          accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.gif,.webp,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,image/png,image/jpeg,image/gif,image/webp"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
        />
      </div>
      <p>
        <button type="submit" name="op" value="upload" class="button">
          {t('attachments.upload')}
        </button>
      </p>
    </section>
  );
}
