import { describe, expect, it } from 'vitest';
import type { ProcedureHit, Service } from '@layso/protocol';
import { intakeFrom, issueBody, liveServices } from './flow.js';
import { fieldProblem } from './screens/Intake.js';

const procedure = (serviceId: number | null): ProcedureHit => ({
  id: 42,
  code: '1.000894',
  name: 'Cấp Phiếu lý lịch tư pháp',
  serviceId,
  field: null,
  agency: null,
  level: null,
  processingTime: null,
  fee: null,
  score: 1,
});

describe('the ticket request a draft makes', () => {
  it('sends only what the citizen gave', () => {
    expect(issueBody({ serviceId: 5, procedure: null, priority: null, intake: null })).toEqual({
      serviceId: 5,
    });
    expect(
      issueBody({
        serviceId: 5,
        procedure: procedure(5),
        priority: 'elderly',
        intake: { fullName: 'Nguyễn Văn An', phone: '0912345678' },
      }),
    ).toEqual({
      serviceId: 5,
      procedureId: 42,
      priority: 'elderly',
      intake: { consent: true, fullName: 'Nguyễn Văn An', phone: '0912345678' },
    });
  });

  it('never sends a procedure of another service, nor empty details', () => {
    const body = issueBody({
      serviceId: 2,
      procedure: procedure(5),
      priority: null,
      intake: { fullName: '' },
    });
    expect(body).toEqual({ serviceId: 2 });
  });
});

describe('live counts over the service list', () => {
  const service = {
    id: 1,
    name: 'Sở Tư pháp',
    waiting: 0,
    estimatedWaitMinutes: 0,
    issuing: true,
    notIssuingReason: null,
  } as Service;
  it('takes waiting and estimate from the stream; whether it issues stays as the server lists it', () => {
    const [s] = liveServices(
      [service],
      [{ id: 1, code: 'TP', name: 'Sở Tư pháp', waiting: 4, estimatedWaitMinutes: 12, issuing: false }],
    );
    expect(s).toMatchObject({ waiting: 4, estimatedWaitMinutes: 12, issuing: true, notIssuingReason: null });
    expect(liveServices([service], undefined)[0]).toBe(service);
  });
});

describe('details from a CCCD and checks a citizen understands', () => {
  it('takes the ID, the name when read, and the birth year', () => {
    const card = {
      idNumber: '086195001234',
      oldIdNumber: null,
      fullName: null,
      birthDate: '1950-03-15',
      gender: 'Nam' as const,
      address: null,
      issueDate: null,
    };
    expect(intakeFrom(card)).toEqual({ idNumber: '086195001234', birthYear: 1950 });
    expect(intakeFrom({ ...card, fullName: 'Trần Thị Bích', birthDate: null })).toEqual({
      idNumber: '086195001234',
      fullName: 'Trần Thị Bích',
    });
  });

  it('explains a wrong phone, ID or name, and accepts an empty one', () => {
    expect(fieldProblem('phone', '0912345678')).toBeNull();
    expect(fieldProblem('phone', '+84912345678')).toBeNull();
    expect(fieldProblem('phone', '0212345678')?.vi).toMatch(/10 chữ số/);
    expect(fieldProblem('idNumber', '08619500123')?.vi).toMatch(/12 chữ số/);
    expect(fieldProblem('fullName', 'Nguyễn Thị Ánh Tuyết')).toBeNull();
    expect(fieldProblem('fullName', 'An 2')?.vi).toMatch(/chữ cái/);
    expect(fieldProblem('phone', '')).toBeNull();
  });
});
