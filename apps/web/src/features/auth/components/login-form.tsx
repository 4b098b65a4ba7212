import { type AuthenticateBody, authenticateBodySchema } from '@console/contracts'
import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { isApiRequestError } from '../../../api/api-error.ts'
import { Button } from '../../../ui/button.tsx'
import { TextField } from '../../../ui/text-field.tsx'
import { useLogIn } from '../hooks/use-log-in.ts'

/** The API answers 401 without saying whether the email or the password was wrong; neither do we. */
export const invalidCredentialsMessage = 'Invalid email or password'

export function LoginForm({ onLoggedIn }: { onLoggedIn: () => void }) {
  const logIn = useLogIn()
  const [formError, setFormError] = useState<{ message: string; ref?: string } | null>(null)
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<AuthenticateBody>({
    mode: 'onChange',
    resolver: zodResolver(authenticateBodySchema),
    defaultValues: { emailId: '', password: '' },
  })

  const onSubmit = handleSubmit((body) => {
    setFormError(null)
    logIn.mutate(body, {
      onSuccess: onLoggedIn,
      onError: (error) => {
        if (isApiRequestError(error) && error.status === 401) setFormError({ message: invalidCredentialsMessage })
        else if (isApiRequestError(error)) setFormError({ message: error.message, ref: error.ref })
        else setFormError({ message: 'The console could not be reached. Try again in a moment.' })
      },
    })
  })

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-label="Log in">
      {formError ? (
        <div role="alert" className="alert alert--error">
          <p>{formError.message}</p>
          {formError.ref ? <p className="alert__detail">Reference: {formError.ref}</p> : null}
        </div>
      ) : null}
      <TextField
        label="Email"
        type="email"
        autoComplete="username"
        required
        error={errors.emailId?.message}
        {...register('emailId')}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.password?.message}
        {...register('password')}
      />
      <Button type="submit" variant="primary" className="btn--block" isLoading={logIn.isPending}>
        Log in
      </Button>
    </form>
  )
}
