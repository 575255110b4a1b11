import { NumberInput, Select, SimpleGrid, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TransportSecurity } from '../api/mail-types.ts';
import type { FieldErrors } from '../common/use-field-errors.hook.ts';
import { defaultPort, type EndpointDraft } from './mail-service-draft.ts';

interface Props {
  server: 'imap' | 'smtp';
  title: string;
  value: EndpointDraft;
  placeholder: string;
  onChange(value: EndpointDraft): void;
  errors: FieldErrors;
}

const SECURITIES: TransportSecurity[] = ['tls', 'starttls', 'none'];

/** Host, security and port of the incoming (IMAP) or outgoing (SMTP) server; the port follows the security (MS-12). */
export function EndpointFields({ server, title, value, placeholder, onChange, errors }: Props) {
  const { t } = useTranslation();
  return (
    <div data-testid={`service-${server}`}>
      <Title order={6} mb="xs">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput
          label={t('mailService.host')}
          placeholder={placeholder || undefined}
          value={value.host}
          onChange={(event) => onChange({ ...value, host: event.currentTarget.value })}
          error={errors.errorFor(`${server}.host`) ?? errors.errorFor(server)}
          required
          data-testid={`service-${server}-host`}
        />
        <Select
          label={t('mailService.security')}
          data={SECURITIES.map((security) => ({ value: security, label: t(`mailService.securities.${security}`) }))}
          value={value.security}
          onChange={(security) =>
            security &&
            onChange({
              ...value,
              security: security as TransportSecurity,
              port: defaultPort(server, security as TransportSecurity),
            })
          }
          allowDeselect={false}
          error={errors.errorFor(`${server}.security`)}
          data-testid={`service-${server}-security`}
        />
        <NumberInput
          label={t('mailService.port')}
          value={value.port}
          onChange={(port) => onChange({ ...value, port })}
          min={1}
          max={65535}
          allowDecimal={false}
          allowNegative={false}
          error={errors.errorFor(`${server}.port`)}
          data-testid={`service-${server}-port`}
        />
      </SimpleGrid>
    </div>
  );
}
